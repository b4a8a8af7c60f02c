#ifndef LOCALOFFER_TERMINAL_GUARD_H
#define LOCALOFFER_TERMINAL_GUARD_H
/* Restoring the terminal on every way out. The handlers make only async-signal-safe calls. */
void lo_save_termios(void);
void lo_emergency_restore(void);
/* SIGTERM/SIGHUP (and SIGINT/SIGQUIT if raw mode is ever lost) only set a flag the loop polls;
   SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE restore the terminal, then die as before. */
void lo_install_signal_handlers(int catch_interrupts);
/* A kiosk is never suspended: job-control signals are ignored. */
void lo_ignore_tstp(void);
int lo_quit_requested(void);
#endif
