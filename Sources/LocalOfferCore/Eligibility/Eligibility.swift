/// Who can use what: a pure function of an entry and what is known of the child.
public struct Eligibility: Sendable, Hashable {
    public var verdict: Verdict
    public var reason: String
    /// Ids of entries to use instead, when the verdict is not `eligible`.
    public var instead: [String]

    public init(verdict: Verdict, reason: String, instead: [String] = []) {
        self.verdict = verdict
        self.reason = reason
        self.instead = instead
    }

    /// A rule as written for one status, not yet about any child: "✓ yes", "✗ no", "? it depends".
    public static func ruleBadge(_ v: Verdict) -> String {
        switch v {
        case .eligible: return "✓ yes"
        case .notEligible: return "✗ no"
        case .check: return "? it depends"
        }
    }

    /// "✓ can use", "✗ not for this child", "? check": words and a symbol, never colour alone.
    public var badge: String {
        switch verdict {
        case .eligible: return "✓ can use"
        case .notEligible: return "✗ not for this child"
        case .check: return "? check"
        }
    }
}

public enum EligibilityEngine {
    /// The verdict for an entry given what is known. Nothing unknown is assumed: it makes the answer `check`.
    public static func evaluate(_ entry: Entry, borough: Borough?, age: Int?, status: Status?,
                                titles: (String) -> String = { $0 }) -> Eligibility {
        var checks: [String] = []
        var instead: [String] = []
        func names(_ ids: [String]) -> String {
            let t = ids.map(titles)
            switch t.count {
            case 0: return ""
            case 1: return t[0]
            default: return t.dropLast().joined(separator: ", ") + " or " + t[t.count - 1]
            }
        }

        // 1. Where the family lives. Not offered there is not the end when families of that borough
        // have another way in (a school in the other borough, through the EHC plan): age and status
        // still apply, and the answer is then `check`, with that way in.
        let offered = entry.offeredIn
        var crossBorough: BoroughPart?
        if let borough {
            let part = entry.boroughs[borough]
            if let part, !part.offered, part.openVia != nil {
                crossBorough = part
            } else if part?.offered != true {
                let other = Borough.allCases.filter { $0 != borough && offered.contains($0) }
                var reason = part?.reason ?? "Not offered in \(borough.name)."
                if !other.isEmpty && !reason.lowercased().contains("only") {
                    reason = "Only for families in \(other.map(\.name).joined(separator: " and ")). " + reason
                }
                let alternatives = part?.instead ?? []
                if !alternatives.isEmpty { reason += " In \(borough.name), try \(names(alternatives))." }
                return Eligibility(verdict: .notEligible, reason: reason, instead: alternatives)
            }
        } else if offered.count == 1, let only = offered.first {
            let others = entry.openToOthersIn
            if others.isEmpty {
                checks.append("Only for families in \(only.name).")
            } else {
                checks.append("Run in \(only.name); families in \(others.map(\.name).joined(separator: " and ")) can ask for it another way (see the borough part).")
            }
        } else if offered.isEmpty {
            return Eligibility(verdict: .notEligible, reason: "Not offered in Richmond or Kingston at present.")
        }

        // 2. Age.
        if let age {
            if !entry.ages.contains(age) {
                let rule = entry.eligibility.values.first { !$0.instead.isEmpty }
                instead = rule?.instead ?? []
                var reason = "For ages \(entry.ages.lowerBound) to \(entry.ages.upperBound); your child is \(age)."
                if !instead.isEmpty { reason += " Try \(names(instead))." }
                return Eligibility(verdict: .notEligible, reason: reason, instead: instead)
            }
        } else if entry.ages != validAges {
            checks.append("For ages \(entry.ages.lowerBound) to \(entry.ages.upperBound).")
        }

        // 3. What the child has: the borough's rule first, then the shared one.
        func rule(_ s: Status, in b: Borough?) -> StatusRule? {
            if let b, let r = entry.boroughs[b]?.eligibility[s] { return r }
            return entry.eligibility[s]
        }
        var statusReason: String?
        if entry.eligibility.isEmpty && Borough.allCases.allSatisfy({ entry.boroughs[$0]?.eligibility.isEmpty ?? true }) {
            statusReason = entry.kind == .guide ? "A guide for every family." : nil
        } else if let status {
            let boroughs = borough.map { [$0] } ?? offered
            let rules = boroughs.compactMap { b in rule(status, in: b).map { (b, $0) } }
            let fallback = rule(status, in: nil)
            if rules.isEmpty, let fallback {
                statusReason = fallback.reason
                if fallback.verdict == .notEligible { return notEligible(fallback, names) }
                if fallback.verdict == .check { checks.append(fallback.reason); statusReason = nil }
                instead += fallback.instead
            } else if rules.isEmpty {
                checks.append("The entry does not say whether children with \(status.label) can use it.")
            } else if Set(rules.map { $0.1 }).count == 1, let r = rules.first?.1 {
                if r.verdict == .notEligible { return notEligible(r, names) }
                if r.verdict == .check { checks.append(r.reason) } else { statusReason = r.reason }
                instead += r.instead
            } else {
                // Differs by borough and the borough is unknown.
                let parts = rules.map { "In \($0.0.name): \($0.1.reason)" }
                if rules.allSatisfy({ $0.1.verdict == .eligible }) {
                    statusReason = parts.joined(separator: " ")
                } else {
                    checks.append("It depends on the borough. " + parts.joined(separator: " "))
                }
            }
        } else {
            let all = Status.allCases.compactMap { s in rule(s, in: borough).map { (s, $0) } }
            if all.allSatisfy({ $0.1.verdict == .eligible }) {
                statusReason = all.first?.1.reason
            } else {
                let open = all.filter { $0.1.verdict == .eligible }.map { $0.0.label }
                var text = "Depends on whether your child has no identified SEN, SEN Support or an EHC plan."
                if !open.isEmpty { text += " Open with: \(open.joined(separator: ", "))." }
                checks.append(text)
            }
        }

        if let part = crossBorough {
            // Age and status allow it; the way in from this borough decides.
            let way = [part.reason].compactMap { $0 } + checks
            return Eligibility(verdict: .check, reason: way.joined(separator: " "), instead: part.instead)
        }
        if !checks.isEmpty {
            return Eligibility(verdict: .check, reason: checks.joined(separator: " "), instead: instead)
        }
        var reason = statusReason ?? "Open to children and young people aged \(entry.ages.lowerBound) to \(entry.ages.upperBound)."
        if let borough, entry.offeredIn.count == 1 { reason = "Offered in \(borough.name). " + reason }
        return Eligibility(verdict: .eligible, reason: reason, instead: [])
    }

    /// The verdict alone, without building the reason: search ranks every match by it on each
    /// keystroke. Must agree with `evaluate` (a test checks every entry and profile).
    public static func verdict(_ entry: Entry, borough: Borough?, age: Int?, status: Status?) -> Verdict {
        var check = false
        let offered = entry.offeredIn
        if let borough {
            if let part = entry.boroughs[borough], !part.offered, part.openVia != nil {
                check = true
            } else if entry.boroughs[borough]?.offered != true { return .notEligible }
        } else if offered.count == 1 {
            check = true
        } else if offered.isEmpty {
            return .notEligible
        }
        if let age {
            if !entry.ages.contains(age) { return .notEligible }
        } else if entry.ages != validAges {
            check = true
        }
        func rule(_ s: Status, in b: Borough?) -> StatusRule? {
            if let b, let r = entry.boroughs[b]?.eligibility[s] { return r }
            return entry.eligibility[s]
        }
        if entry.eligibility.isEmpty && Borough.allCases.allSatisfy({ entry.boroughs[$0]?.eligibility.isEmpty ?? true }) {
            // No rules: a guide, for everyone.
        } else if let status {
            let boroughs = borough.map { [$0] } ?? offered
            let rules = boroughs.compactMap { b in rule(status, in: b) }
            if rules.isEmpty {
                if let f = rule(status, in: nil) {
                    if f.verdict == .notEligible { return .notEligible }
                    if f.verdict == .check { check = true }
                } else {
                    check = true
                }
            } else if Set(rules).count == 1, let r = rules.first {
                if r.verdict == .notEligible { return .notEligible }
                if r.verdict == .check { check = true }
            } else if !rules.allSatisfy({ $0.verdict == .eligible }) {
                check = true
            }
        } else {
            let all = Status.allCases.compactMap { rule($0, in: borough) }
            if !all.allSatisfy({ $0.verdict == .eligible }) { check = true }
        }
        return check ? .check : .eligible
    }

    private static func notEligible(_ r: StatusRule, _ names: ([String]) -> String) -> Eligibility {
        var reason = r.reason
        if !r.instead.isEmpty && !reason.contains(names(r.instead)) { reason += " Instead, try \(names(r.instead))." }
        return Eligibility(verdict: .notEligible, reason: reason, instead: r.instead)
    }
}

extension Content {
    public func eligibility(of entry: Entry, borough: Borough?, age: Int?, status: Status?) -> Eligibility {
        EligibilityEngine.evaluate(entry, borough: borough, age: age, status: status, titles: { self.title(of: $0) })
    }
    public func eligibility(of entry: Entry, profile: Profile) -> Eligibility {
        eligibility(of: entry, borough: profile.borough, age: profile.age, status: profile.status)
    }
}
