#ifndef LOCALOFFER_CNCURSESW_SHIM_H
#define LOCALOFFER_CNCURSESW_SHIM_H

/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so the wide API must be switched on here. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <curses.h>
#include <locale.h>
#include <langinfo.h>
#include <termios.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Function-like macros and mutable globals do not import into Swift 6 (strict concurrency). */
static inline attr_t lo_a_normal(void) { return A_NORMAL; }
static inline attr_t lo_a_bold(void) { return A_BOLD; }
static inline attr_t lo_a_reverse(void) { return A_REVERSE; }
static inline attr_t lo_a_underline(void) { return A_UNDERLINE; }
static inline attr_t lo_a_dim(void) { return A_DIM; }
static inline mmask_t lo_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t lo_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t lo_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t lo_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t lo_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t lo_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline int lo_key_code_yes(void) { return KEY_CODE_YES; }
static inline int lo_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int lo_colors(void) { return COLORS; }

/* Restore the terminal from a fatal-signal handler: only async-signal-safe calls. */
static struct termios lo_saved_termios;
static int lo_have_saved_termios = 0;
static inline void lo_save_termios(void) {
    if (tcgetattr(STDIN_FILENO, &lo_saved_termios) == 0) lo_have_saved_termios = 1;
}
static inline void lo_emergency_restore(void) {
    static const char reset[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    if (lo_have_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, &lo_saved_termios);
}

/* SIGTERM / SIGHUP only set a flag; the main loop polls it between key reads. */
static volatile sig_atomic_t lo_quit_signal = 0;
static inline void lo_on_quit_signal(int sig) { lo_quit_signal = sig; }
static inline void lo_on_fatal_signal(int sig) {
    lo_emergency_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void lo_install_signal_handlers(int catch_interrupts) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = lo_on_quit_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    if (catch_interrupts) {
        /* In raw mode Ctrl-C/Ctrl-\ arrive as keys; these only matter if raw is lost. */
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGQUIT, &sa, NULL);
    }
    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    fatal.sa_handler = lo_on_fatal_signal;
    sigaction(SIGSEGV, &fatal, NULL);
    sigaction(SIGBUS, &fatal, NULL);
    sigaction(SIGILL, &fatal, NULL);
    sigaction(SIGTRAP, &fatal, NULL);
    sigaction(SIGABRT, &fatal, NULL);
    sigaction(SIGFPE, &fatal, NULL);
}
static inline void lo_ignore_tstp(void) {
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
}
static inline int lo_quit_requested(void) { return lo_quit_signal; }

/* newterm wants FILE*; building them here avoids Swift touching the stdio globals. */
static inline SCREEN *lo_newterm(const char *term) {
    FILE *out = fdopen(dup(STDOUT_FILENO), "w");
    FILE *in = fdopen(dup(STDIN_FILENO), "r");
    if (!out || !in) return NULL;
    return newterm(term, out, in);
}

#endif
