#if canImport(Glibc)
import Glibc
#endif

/// The system journal (syslog(3), LOG_USER): where a kiosk reports what staff should know, since
/// its terminal is the screen visitors read. Messages are one line and escaped.
public enum SystemLog {
    public static func warning(_ message: String) {
        let line = Sanitize.oneLine(message)
        openlog("localoffer", LOG_PID, LOG_USER)
        withVaList([line]) { vsyslog(LOG_USER | LOG_WARNING, "%s", $0) }
        closelog()
    }
}
