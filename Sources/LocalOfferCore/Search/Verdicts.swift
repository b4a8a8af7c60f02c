import Foundation

/// The verdicts of every entry for the last profile searched with. A profile changes when a family
/// answers a question; a keystroke does not change it, so typing never recomputes a verdict.
final class VerdictCache: @unchecked Sendable {
    private let lock = NSLock()
    private var profile: Profile?
    private var cached: [Verdict] = []

    func verdicts(for p: Profile, entries: [Entry]) -> [Verdict] {
        lock.lock()
        defer { lock.unlock() }
        if profile == p, cached.count == entries.count { return cached }
        cached = entries.map { EligibilityEngine.verdict($0, borough: p.borough, age: p.age, status: p.status) }
        profile = p
        return cached
    }
}

extension SearchEngine {
    /// The weight search gives an entry for a known profile, for rankings outside a query (flow
    /// outcomes), so both rank by the same eligibility and the same named weight.
    static func profileFactor(_ e: Entry, _ p: Profile) -> Double {
        RankingWeights.profile(EligibilityEngine.verdict(e, borough: p.borough, age: p.age, status: p.status))
    }
}
