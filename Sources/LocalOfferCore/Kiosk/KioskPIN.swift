import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The staff PIN that lets a kiosk be left from the keyboard. A PIN that is short, or that anyone
/// but its owner and group could read or change, is refused: the kiosk then cannot be left from the
/// keyboard at all, which is safer than a PIN a visitor could guess or read.
public enum KioskPIN {
    public static let minimumDigits = 6
    public static let defaultPath = "/etc/localoffer/kiosk-pin"

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case missing(String)
        case symlink(String)
        case notRegular(String)
        case otherPermissions(String, mode: Int)
        case unreadable(String, String)
        case tooShort(String)
        case notDigits(String)

        public var description: String {
            switch self {
            case .missing(let p): return "\(p): no kiosk PIN file: the kiosk cannot be left from the keyboard"
            case .symlink(let p): return "\(p): the kiosk PIN file is a symbolic link; refused (the kiosk cannot be left from the keyboard)"
            case .notRegular(let p): return "\(p): the kiosk PIN file is not a regular file; refused (the kiosk cannot be left from the keyboard)"
            case .otherPermissions(let p, let mode):
                return "\(p): the kiosk PIN file has mode \(String(mode, radix: 8)), which others can use; refused (chmod 600 or 640 it)"
            case .unreadable(let p, let why): return "\(p): cannot read the kiosk PIN file (\(why)); the kiosk cannot be left from the keyboard"
            case .tooShort(let p): return "\(p): the kiosk PIN is shorter than \(minimumDigits) digits; refused (the kiosk cannot be left from the keyboard)"
            case .notDigits(let p): return "\(p): the kiosk PIN must be digits only; refused (the kiosk cannot be left from the keyboard)"
            }
        }
    }

    public static func load(path: String) -> Result<String, Problem> {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            return errno == ENOENT ? .failure(.missing(path)) : .failure(.unreadable(path, String(cString: strerror(errno))))
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFLNK { return .failure(.symlink(path)) }
        guard type == S_IFREG else { return .failure(.notRegular(path)) }
        let mode = Int(st.st_mode & 0o7777)
        if mode & 0o007 != 0 { return .failure(.otherPermissions(path, mode: mode)) }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.unreadable(path, String(cString: strerror(errno)))) }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 256)
        let n = read(fd, &buf, buf.count)
        guard n >= 0 else { return .failure(.unreadable(path, String(cString: strerror(errno)))) }
        let pin = String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard pin.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .failure(.notDigits(path)) }
        guard pin.utf8.count >= minimumDigits else { return .failure(.tooShort(path)) }
        return .success(pin)
    }

    /// Compares without stopping at the first difference, so timing says nothing about the PIN.
    public static func matches(_ typed: String, _ expected: String) -> Bool {
        let a = Array(typed.utf8), b = Array(expected.utf8)
        var diff = a.count ^ b.count
        for i in 0..<max(a.count, b.count) {
            diff |= Int((i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0))
        }
        return diff == 0
    }
}

/// Wrong staff PINs: three free tries, then a lockout of 30 seconds that doubles with each further
/// wrong PIN (capped at an hour). Times come from the UI's event clock. It lives outside the family's
/// session, so neither leaving the PIN screen nor an idle wipe resets it; only the right PIN does.
public struct PINLockout: Sendable, Equatable {
    static let freeTries = 3
    static let firstLockout = 30.0
    static let longestLockout = 3600.0

    private(set) var failures = 0
    private(set) var lockedUntil = -Double.infinity

    public init() {}

    /// Seconds still to wait, or nil when a PIN may be tried.
    public func wait(now: Double) -> Double? { now < lockedUntil ? lockedUntil - now : nil }

    public mutating func fail(now: Double) {
        failures += 1
        guard failures >= PINLockout.freeTries else { return }
        let doublings = min(failures - PINLockout.freeTries, 20)
        lockedUntil = now + min(PINLockout.firstLockout * Double(1 << doublings), PINLockout.longestLockout)
    }

    public mutating func succeed() { self = PINLockout() }
}
