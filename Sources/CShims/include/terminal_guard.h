#ifndef LOCALOFFER_TERMINAL_GUARD_H
#define LOCALOFFER_TERMINAL_GUARD_H
/* Restoring the terminal on every way out. The handlers make only async-signal-safe calls.

   What each catchable signal does while the full-screen navigator runs:
   - SIGTERM, SIGHUP (and SIGINT, SIGQUIT if raw mode is ever lost): set a flag; the loop ends,
     restores the terminal and exits 0.
   - SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSYS: restore the terminal, then die by the
     same signal. The handler runs on an alternate stack, so a stack overflow is covered too.
   - SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR,
     SIGSTKFLT and the real-time signals: ignored (the program keeps running).
   - SIGTSTP, SIGTTIN, SIGTTOU: ignored (a kiosk is never suspended).
   SIGKILL and SIGSTOP cannot be caught. */
void lo_save_termios(void);
void lo_emergency_restore(void);
/* With on != 0, the emergency restore also wipes the screen and scrollback (kiosk, shared). */
void lo_set_clear_on_restore(int on);
void lo_install_signal_handlers(int catch_interrupts);
/* The command line and plain mode: the "ignored" set above, SIGPIPE included. */
void lo_ignore_nuisance_signals(void);
void lo_ignore_tstp(void);
int lo_quit_requested(void);
#endif
