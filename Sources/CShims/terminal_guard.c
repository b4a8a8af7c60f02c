#define _XOPEN_SOURCE 700
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "terminal_guard.h"

static struct termios saved_termios;
static int have_saved_termios = 0;
static volatile sig_atomic_t quit_signal = 0;

void lo_save_termios(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_saved_termios = 1;
}

void lo_emergency_restore(void) {
    static const char reset[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    if (have_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

static void on_quit_signal(int sig) { quit_signal = sig; }

static void on_fatal_signal(int sig) {
    lo_emergency_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

void lo_install_signal_handlers(int catch_interrupts) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    if (catch_interrupts) {
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGQUIT, &sa, NULL);
    }
    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    fatal.sa_handler = on_fatal_signal;
    sigaction(SIGSEGV, &fatal, NULL);
    sigaction(SIGBUS, &fatal, NULL);
    sigaction(SIGILL, &fatal, NULL);
    sigaction(SIGTRAP, &fatal, NULL);
    sigaction(SIGABRT, &fatal, NULL);
    sigaction(SIGFPE, &fatal, NULL);
}

void lo_ignore_tstp(void) {
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
}

int lo_quit_requested(void) { return quit_signal; }
