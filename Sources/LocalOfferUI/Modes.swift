import LocalOfferCore

/// How the program is being used. `--shared` (one family after another) combines with a role
/// (`--champion`, `--adviser`); `--kiosk` stands alone. A struct, not an enum: an adviser on a shared
/// terminal is both, and each part changes something different (shared: what is kept; role: what is
/// shown; kiosk: what is allowed).
public struct UsageMode: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case none, champion, adviser
    }

    public var isKiosk: Bool
    public var isShared: Bool
    public var role: Role

    public init(kiosk: Bool = false, shared: Bool = false, role: Role = .none) {
        // A kiosk is for a parent alone: no role, and "shared" adds nothing it does not already do.
        self.isKiosk = kiosk
        self.isShared = kiosk ? false : shared
        self.role = kiosk ? .none : role
    }

    public static let family = UsageMode()
    public static let kiosk = UsageMode(kiosk: true)
    public static let shared = UsageMode(shared: true)
    public static let champion = UsageMode(role: .champion)
    public static let adviser = UsageMode(role: .adviser)

    /// Every combination the command line accepts.
    public static let all: [UsageMode] = [.family, .kiosk, .shared, .champion, .adviser,
                                          UsageMode(shared: true, role: .champion), UsageMode(shared: true, role: .adviser)]

    /// Whether the take-away may be printed (a Parent Champion at a drop-in has a printer).
    public var canPrint: Bool { role == .champion }

    /// The top-line banner: which mode is on and the key that matters most in it. Nil for a family
    /// at home; a kiosk shows its touch targets on the bottom line instead.
    public var banner: String? {
        if isKiosk { return nil }
        var parts: [String] = []
        if isShared { parts.append(tr(.bannerShared)) }
        switch role {
        case .champion: parts.append(tr(.bannerChampion))
        case .adviser: parts.append(tr(.bannerAdviser))
        case .none: break
        }
        guard !parts.isEmpty else { return nil }
        var keys: [String] = []
        if isShared { keys.append(tr(.bannerNextFamily)) }
        if role == .champion { keys.append(tr(.bannerPrint)) }
        if keys.isEmpty { keys.append(tr(.bannerStatutory)) }
        return tr(.bannerLine, ["mode": parts.joined(separator: " · "), "keys": keys.joined(separator: " · ")])
    }

    public var description: String {
        if isKiosk { return "kiosk" }
        var parts: [String] = []
        if isShared { parts.append("shared") }
        if role != .none { parts.append(role.rawValue) }
        return parts.isEmpty ? "family" : parts.joined(separator: "+")
    }
}
