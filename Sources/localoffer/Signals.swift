import CShims

enum Signals {
    /// For every command: the signals that would otherwise end the process for nothing are ignored
    /// (terminal_guard.h lists them), SIGPIPE among them, so a closed pipe is an EPIPE that
    /// `Output.write` turns into a quiet exit instead of a death by signal.
    static func ignoreForCommandLine() { lo_ignore_nuisance_signals() }
}
