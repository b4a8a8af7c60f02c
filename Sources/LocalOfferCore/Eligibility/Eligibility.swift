/// Who can use what: a pure function of an entry and what is known of the child.
public struct Eligibility: Sendable, Hashable {
    public var verdict: Verdict
    public var reason: String
    /// Ids of entries to use instead, when the verdict is not `eligible`.
    public var instead: [String]
    /// Where the family's borough does not run it but its families have another way in (a school
    /// in the other borough, through the EHC plan): that way in (a `cross_borough` id). The answer
    /// is then `check`, and the reason starts with the route.
    public var openVia: String?

    public init(verdict: Verdict, reason: String, instead: [String] = [], openVia: String? = nil) {
        self.verdict = verdict
        self.reason = reason
        self.instead = instead
        self.openVia = openVia
    }

    /// A rule as written for one status, not yet about any child: "✓ yes", "✗ no", "? it depends".
    public static func ruleBadge(_ v: Verdict) -> String { v.ruleBadge }

    /// "✓ can use", "✗ not for this child", "? check": words and a symbol, never colour alone.
    public var badge: String { verdict.badge }

    /// "✓ can use: Open to …": the verdict and its reason on one line, as every front end says it.
    public var line: String { tr(.eligibilityLine, ["badge": badge, "reason": reason]) }
}

/// The words for a verdict, in one place: every front end and the CLI show these.
extension Verdict {
    /// About this child: "✓ can use", "✗ not for this child", "? check".
    public var badge: String {
        switch self {
        case .eligible: return tr(.verdictCanUse)
        case .notEligible: return tr(.verdictNotForChild)
        case .check: return tr(.verdictCheck)
        }
    }
    /// A rule as written for one status: "✓ yes", "✗ no", "? it depends".
    public var ruleBadge: String {
        switch self {
        case .eligible: return tr(.ruleYes)
        case .notEligible: return tr(.ruleNo)
        case .check: return tr(.ruleDepends)
        }
    }
    /// The symbol alone, for a list's margin: "✓", "✗", "?".
    public var mark: String {
        switch self {
        case .eligible: return "✓"
        case .notEligible: return "✗"
        case .check: return "?"
        }
    }
}

enum EligibilityEngine {
    /// The verdict for an entry given what is known. Nothing unknown is assumed: it makes the answer `check`.
    static func evaluate(_ entry: Entry, borough: Borough?, age: Int?, status: Status?,
                                titles: (String) -> String = { $0 }) -> Eligibility {
        decide(entry, borough: borough, age: age, status: status, explain: true).words(entry, borough: borough, titles: titles)
    }

    /// The verdict alone, without building the reason: search ranks every match by it on each
    /// keystroke. The same rules as `evaluate` (both are `decide`), only without the words.
    public static func verdict(_ entry: Entry, borough: Borough?, age: Int?, status: Status?) -> Verdict {
        decide(entry, borough: borough, age: age, status: status, explain: false).verdict
    }

    /// Why a verdict is what it is, as data: words are made from it only when someone reads them.
    enum Why: Sendable {
        case notOffered(BoroughPart?, otherBoroughs: [Borough])
        case offeredNowhere
        case onlyIn(Borough)
        case runInOpenToOthers(Borough, others: [Borough])
        case ageOutside(Int)
        case ageRange
        case rule(StatusRule)
        case ruleNotEligible(StatusRule)
        case statusUnsaid(Status)
        case byBorough([(Borough, StatusRule)], allEligible: Bool)
        case dependsOnStatus(open: [Status])
        case guide
    }

    struct Decision {
        var verdict: Verdict
        /// The reasons that make up the answer, in order (only with `explain`).
        var why: [Why] = []
        /// Reasons of an eligible answer (the status rule's own words), when any.
        var statusReason: Why?
        var instead: [String] = []
        var crossBorough: BoroughPart?

        func words(_ entry: Entry, borough: Borough?, titles: (String) -> String) -> Eligibility {
            // The words, from the catalogue (`Catalogue.current`); the decision above is untouched.
            func names(_ ids: [String]) -> String { Catalogue.current.list(ids.map(titles), last: .listOr) }
            func text(_ w: Why) -> String {
                let ages = ["from": String(entry.ages.lowerBound), "to": String(entry.ages.upperBound)]
                switch w {
                case .notOffered(let part, let other):
                    let b = borough?.name ?? ""
                    var reason = part?.reason ?? tr(.eligNotOfferedIn, ["borough": b])
                    if !other.isEmpty && !reason.lowercased().contains("only") {
                        reason = tr(.eligOnlyForFamiliesIn, ["boroughs": Catalogue.current.list(other.map(\.name), last: .listAnd)]) + " " + reason
                    }
                    let alternatives = part?.instead ?? []
                    if !alternatives.isEmpty { reason += " " + tr(.eligInBoroughTry, ["borough": b, "names": names(alternatives)]) }
                    return reason
                case .offeredNowhere: return tr(.eligOfferedNowhere)
                case .onlyIn(let b): return tr(.eligOnlyForFamiliesIn, ["boroughs": b.name])
                case .runInOpenToOthers(let b, let others):
                    return tr(.eligRunInOpenToOthers, ["borough": b.name, "others": Catalogue.current.list(others.map(\.name), last: .listAnd)])
                case .ageOutside(let age):
                    var reason = tr(.eligAgeOutside, ages.merging(["age": String(age)]) { a, _ in a })
                    if !instead.isEmpty { reason += " " + tr(.eligTry, ["names": names(instead)]) }
                    return reason
                case .ageRange: return tr(.eligAgeRange, ages)
                case .rule(let r): return r.reason
                case .ruleNotEligible(let r):
                    var reason = r.reason
                    if !r.instead.isEmpty && !reason.contains(names(r.instead)) { reason += " " + tr(.eligInsteadTry, ["names": names(r.instead)]) }
                    return reason
                case .statusUnsaid(let s): return tr(.eligStatusUnsaid, ["status": s.label])
                case .byBorough(let rules, let allEligible):
                    let parts = rules.map { tr(.eligInBorough, ["borough": $0.0.name, "reason": $0.1.reason]) }.joined(separator: " ")
                    return allEligible ? parts : tr(.eligDependsOnBorough) + " " + parts
                case .dependsOnStatus(let open):
                    var t = tr(.eligDependsOnStatus)
                    if !open.isEmpty { t += " " + tr(.eligOpenWith, ["statuses": open.map(\.label).joined(separator: ", ")]) }
                    return t
                case .guide: return tr(.eligGuide)
                }
            }
            var parts = why.map(text)
            if let part = crossBorough, verdict == .check {
                // Age and status allow it; the way in from this borough decides, so it comes first.
                parts.insert(contentsOf: [part.reason].compactMap { $0 }, at: 0)
                return Eligibility(verdict: .check, reason: parts.joined(separator: " "), instead: part.instead, openVia: part.openVia)
            }
            if verdict != .eligible {
                return Eligibility(verdict: verdict, reason: parts.joined(separator: " "), instead: instead)
            }
            var reason = statusReason.map(text) ?? tr(.eligOpenToAges, ["from": String(entry.ages.lowerBound), "to": String(entry.ages.upperBound)])
            if let borough, entry.offeredIn.count == 1 { reason = tr(.eligOfferedIn, ["borough": borough.name]) + " " + reason }
            return Eligibility(verdict: .eligible, reason: reason, instead: [])
        }
    }

    /// The rules, once. `explain: false` keeps only the verdict (no reasons collected).
    static func decide(_ entry: Entry, borough: Borough?, age: Int?, status: Status?, explain: Bool) -> Decision {
        var d = Decision(verdict: .eligible)
        func check(_ w: @autoclosure () -> Why) {
            d.verdict = .check
            if explain { d.why.append(w()) }
        }
        func no(_ w: @autoclosure () -> Why, instead: [String] = []) -> Decision {
            var out = Decision(verdict: .notEligible, instead: instead)
            if explain { out.why = [w()] }
            return out
        }

        // 1. Where the family lives. Not offered there is not the end when families of that borough
        // have another way in (a school in the other borough, through the EHC plan): age and status
        // still apply, and the answer is then `check`, with that way in.
        let offered = entry.offeredIn
        if let borough {
            let part = entry.boroughs[borough]
            if let part, !part.offered, part.openVia != nil {
                d.crossBorough = part
                d.verdict = .check
            } else if part?.offered != true {
                let other = Borough.allCases.filter { $0 != borough && offered.contains($0) }
                return no(.notOffered(part, otherBoroughs: other), instead: part?.instead ?? [])
            }
        } else if offered.count == 1, let only = offered.first {
            let others = entry.openToOthersIn
            check(others.isEmpty ? .onlyIn(only) : .runInOpenToOthers(only, others: others))
        } else if offered.isEmpty {
            return no(.offeredNowhere)
        }

        // 2. Age.
        if let age {
            if !entry.ages.contains(age) {
                // The first status (in contract order) that names somewhere else to go.
                let instead = Status.allCases.lazy.compactMap { entry.eligibility[$0] }.first { !$0.instead.isEmpty }?.instead ?? []
                return no(.ageOutside(age), instead: instead)
            }
        } else if entry.ages != validAges {
            check(.ageRange)
        }

        // 3. What the child has: the borough's rule first, then the shared one.
        func rule(_ s: Status, in b: Borough?) -> StatusRule? {
            if let b, let r = entry.boroughs[b]?.eligibility[s] { return r }
            return entry.eligibility[s]
        }
        if entry.eligibility.isEmpty && Borough.allCases.allSatisfy({ entry.boroughs[$0]?.eligibility.isEmpty ?? true }) {
            if entry.kind == .guide { d.statusReason = .guide }
        } else if let status {
            let boroughs = borough.map { [$0] } ?? offered
            let rules = boroughs.compactMap { b in rule(status, in: b).map { (b, $0) } }
            if rules.isEmpty, let fallback = rule(status, in: nil) {
                if fallback.verdict == .notEligible { return no(.ruleNotEligible(fallback), instead: fallback.instead) }
                if fallback.verdict == .check { check(.rule(fallback)) } else { d.statusReason = .rule(fallback) }
                d.instead += fallback.instead
            } else if rules.isEmpty {
                check(.statusUnsaid(status))
            } else if Set(rules.map { $0.1 }).count == 1, let r = rules.first?.1 {
                if r.verdict == .notEligible { return no(.ruleNotEligible(r), instead: r.instead) }
                if r.verdict == .check { check(.rule(r)) } else { d.statusReason = .rule(r) }
                d.instead += r.instead
            } else if rules.allSatisfy({ $0.1.verdict == .eligible }) {
                // Differs by borough and the borough is unknown, but every borough says yes.
                d.statusReason = .byBorough(rules, allEligible: true)
            } else {
                check(.byBorough(rules, allEligible: false))
            }
        } else {
            let all = Status.allCases.compactMap { s in rule(s, in: borough).map { (s, $0) } }
            if all.allSatisfy({ $0.1.verdict == .eligible }) {
                d.statusReason = all.first.map { .rule($0.1) }
            } else {
                check(.dependsOnStatus(open: all.filter { $0.1.verdict == .eligible }.map(\.0)))
            }
        }
        return d
    }
}

extension Content {
    public func eligibility(of entry: Entry, borough: Borough?, age: Int?, status: Status?) -> Eligibility {
        EligibilityEngine.evaluate(entry, borough: borough, age: age, status: status, titles: { self.title(of: $0) })
    }
    public func eligibility(of entry: Entry, profile: Profile) -> Eligibility {
        eligibility(of: entry, borough: profile.borough, age: profile.age, status: profile.status)
    }
    /// The verdict alone (no words), for ranking and filtering.
    public func verdict(of entry: Entry, profile: Profile) -> Verdict {
        EligibilityEngine.verdict(entry, borough: profile.borough, age: profile.age, status: profile.status)
    }
}
