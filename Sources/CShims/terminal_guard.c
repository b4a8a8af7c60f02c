#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "terminal_guard.h"

static struct termios saved_termios;
static int have_saved_termios = 0;
static volatile sig_atomic_t quit_signal = 0;
static volatile sig_atomic_t clear_on_restore = 0;

void lo_set_clear_on_restore(int on) { clear_on_restore = on ? 1 : 0; }

void lo_save_termios(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_saved_termios = 1;
}

void lo_emergency_restore(void) {
    static const char reset[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    if (clear_on_restore) {
        /* A kiosk that crashes must not leave the last visitor's screen behind either. */
        static const char wipe[] = "\033[H\033[2J\033[3J";
        ignored = write(STDOUT_FILENO, wipe, sizeof wipe - 1);
    }
    (void)ignored;
    if (have_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

static void on_quit_signal(int sig) { quit_signal = sig; }

static void on_fatal_signal(int sig) {
    lo_emergency_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Signals whose default action ends the process but which mean nothing to localoffer: a stray
   `kill -USR1`, a timer, a full disk (writes then fail with EFBIG), a closed pipe (writes then fail
   with EPIPE and are handled where they happen). Ignoring them keeps a kiosk up and the terminal
   usable. SIGCHLD is left alone: printing waits for its child. */
static const int ignored_signals[] = {
    SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR,
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};

static void ignore(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

void lo_ignore_nuisance_signals(void) {
    for (size_t i = 0; i < sizeof ignored_signals / sizeof ignored_signals[0]; i++) ignore(ignored_signals[i]);
    /* Real-time signals also end a process by default; nothing here uses them. */
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++) ignore(sig);
}

/* The crash handler must run even when the crash is a stack overflow, where the thread's own stack
   is used up: it runs on this separate stack (main thread, which draws the screen). */
static char alternate_stack[64 * 1024];

static void install_alternate_stack(void) {
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = alternate_stack;
    ss.ss_size = sizeof alternate_stack;
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
}

void lo_install_signal_handlers(int catch_interrupts) {
    install_alternate_stack();
    lo_ignore_nuisance_signals();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    if (catch_interrupts) {
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGQUIT, &sa, NULL);
    }
    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    fatal.sa_handler = on_fatal_signal;
    fatal.sa_flags = SA_ONSTACK;
    sigemptyset(&fatal.sa_mask);
    const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSYS };
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) sigaction(fatal_signals[i], &fatal, NULL);
}

void lo_ignore_tstp(void) {
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
}

int lo_quit_requested(void) { return quit_signal; }
