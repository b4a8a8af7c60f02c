import Foundation

/// Runs a flow over a set of answers. Answers are kept by question id, so changing an earlier answer
/// re-walks the path and keeps every later answer that is still on it.
public enum Answer: Sendable, Hashable {
    case choice(String)
    case multi([String])
    case number(Int)
    case postcode(district: String, result: Postcodes.Answer)

    public var display: String {
        switch self {
        case .choice(let v): return v
        case .multi(let v): return v.joined(separator: ",")
        case .number(let n): return String(n)
        case .postcode(let d, _): return d
        }
    }
}

public struct FlowError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public struct FlowOutcome: Sendable {
    public var node: FlowNode
    public var title: String
    public var text: String
    public var entries: [Entry]
    public var eligibility: [String: Eligibility]
}

public struct FlowState: Sendable {
    public var flow: Flow
    /// Questions asked so far on the current path, in order.
    public var path: [FlowNode]
    public var current: FlowNode?
    public var outcome: FlowOutcome?
    public var profile: Profile
    /// Questions on the path answered from what the family already told us ("About your child"),
    /// not asked; an explicit answer to one of them always wins.
    public var fromProfile: [String: Answer] = [:]
    public var complete: Bool { outcome != nil }

    /// A rough "question 2 of about 5": the path so far plus the longest way on to an outcome, so
    /// the estimate only ever comes down.
    public var progress: (index: Int, estimate: Int) {
        let asked = path.count + 1
        guard let current else { return (path.count, path.count) }
        return (asked, path.count + FlowEngine.longestToOutcome(from: current.id, in: flow))
    }
}

public enum FlowEngine {
    /// Parses a raw answer ("richmond", "talking,learning", "7", "TW9 1AA") for a question.
    public static func parse(_ raw: String, for node: FlowNode, postcodes: [PostcodeDistrict]) throws -> Answer {
        let value = raw.trimmingCharacters(in: .whitespaces)
        switch node.type {
        case .choice:
            if let o = node.options.first(where: { $0.value == value }) { return .choice(o.value) }
            if let n = Int(value), (1...node.options.count).contains(n) { return .choice(node.options[n - 1].value) }
            throw FlowError("'\(value)' is not an answer to '\(node.id)': choose one of \(node.options.map(\.value).joined(separator: ", "))")
        case .multi:
            let parts = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !parts.isEmpty else { throw FlowError("'\(node.id)' needs at least one of: \(node.options.map(\.value).joined(separator: ", "))") }
            var chosen: [String] = []
            for p in parts {
                if let o = node.options.first(where: { $0.value == p }) { chosen.append(o.value) } else if let n = Int(p), (1...node.options.count).contains(n) {
                    chosen.append(node.options[n - 1].value)
                } else {
                    throw FlowError("'\(p)' is not an option of '\(node.id)': choose from \(node.options.map(\.value).joined(separator: ", "))")
                }
            }
            var seen = Set<String>()
            chosen = chosen.filter { seen.insert($0).inserted }
            let exclusive = node.options.filter(\.exclusive).map(\.value)
            if chosen.count > 1, let x = chosen.first(where: exclusive.contains) {
                throw FlowError("'\(x)' cannot be chosen together with other answers to '\(node.id)'")
            }
            return .multi(chosen)
        case .number:
            guard let n = Int(value) else { throw FlowError("'\(node.id)' needs a whole number, not '\(value)'") }
            if let lo = node.min, n < lo { throw FlowError("'\(node.id)' must be at least \(lo)") }
            if let hi = node.max, n > hi { throw FlowError("'\(node.id)' must be at most \(hi)") }
            return .number(n)
        case .postcode:
            guard let reading = Postcodes.read(value) else {
                throw FlowError("'\(Sanitize.oneLine(String(value.prefix(40))))' is not a postcode: type it like TW9 1AA, or just the first part, like TW9")
            }
            return .postcode(district: reading.display, result: Postcodes.classify(reading, in: postcodes))
        case .outcome:
            throw FlowError("'\(node.id)' is an outcome, not a question")
        }
    }

    /// Walks the flow from the start with the answers given, filling the profile as it goes.
    /// `profile` is what is already known; with `useProfile`, a question it answers is not asked.
    /// `search`, when given, ranks the outcome's services by the answers' words as search would.
    public static func run(_ flow: Flow, answers: [String: Answer], profile start: Profile = Profile(),
                           useProfile: Bool = true, content: Content, search: SearchEngine? = nil) -> FlowState {
        var profile = start
        var path: [FlowNode] = []
        var answered: [String: Answer] = [:]
        var fromProfile: [String: Answer] = [:]
        var id = flow.start
        var guardSteps = 0
        while let node = flow.node(id), guardSteps <= flow.nodes.count {
            guardSteps += 1
            if node.isOutcome {
                let outcome = makeOutcome(node, profile: profile, content: content, search: search,
                                          words: search == nil ? "" : needWords(path: path, answers: answered))
                return FlowState(flow: flow, path: path, current: nil, outcome: outcome, profile: profile, fromProfile: fromProfile)
            }
            let known = useProfile && answers[node.id] == nil ? profileAnswer(for: node, profile: profile) : nil
            if let known { fromProfile[node.id] = known }
            guard let answer = answers[node.id] ?? known else {
                return FlowState(flow: flow, path: path, current: node, outcome: nil, profile: profile, fromProfile: fromProfile)
            }
            apply(answer, of: node, to: &profile, postcodes: content.postcodes)
            answered[node.id] = answer
            path.append(node)
            guard let next = nextNode(after: node, answer: answer, answers: answered, profile: profile) else { break }
            id = next
        }
        // Unreachable for validated flows; an honest dead end otherwise.
        return FlowState(flow: flow, path: path, current: nil, outcome: nil, profile: profile, fromProfile: fromProfile)
    }

    static func apply(_ answer: Answer, of node: FlowNode, to profile: inout Profile, postcodes: [PostcodeDistrict]) {
        func write(_ a: ProfileAssignment) {
            if let b = a.borough { profile.borough = b }
            if let s = a.status { profile.status = s }
            if let n = a.needs { profile.needs.insert(n) }
            if let age = a.age { profile.age = age }
        }
        switch answer {
        case .choice(let v):
            if let o = node.options.first(where: { $0.value == v }) { write(o.set) }
            if let field = node.profile { write(assignment(field, v)) }
        case .multi(let values):
            if node.profile == .needs || node.options.contains(where: { $0.set.needs != nil }) { profile.needs = [] }
            for v in values {
                if let o = node.options.first(where: { $0.value == v }) { write(o.set) }
                if let field = node.profile { write(assignment(field, v)) }
            }
        case .number(let n):
            if node.profile == .age, validAges.contains(n) { profile.age = n }
        case .postcode(_, let result):
            if node.profile == .borough {
                switch result {
                case .richmond: profile.borough = .richmond
                case .kingston: profile.borough = .kingston
                case .shared, .outside: break  // never guessed
                }
            }
        }
    }

    /// The answer the profile already gives to a question, when it gives exactly one: a question
    /// tied to a field (`profile: age`), or whose options each write one value of a field (`set:
    /// {borough: kingston}`) and exactly one option matches. Never a guess: an ambiguous match (two
    /// options for the same need) or a value out of range is asked.
    public static func profileAnswer(for node: FlowNode, profile: Profile) -> Answer? {
        func value(_ field: ProfileField) -> [String] {
            switch field {
            case .borough: return profile.borough.map { [$0.rawValue] } ?? []
            case .status: return profile.status.map { [$0.rawValue] } ?? []
            case .age: return profile.age.map { [String($0)] } ?? []
            case .needs: return profile.needs.map(\.rawValue).sorted()
            }
        }
        func optionValue(_ o: FlowOption, _ field: ProfileField) -> String? {
            switch field {
            case .borough: return o.set.borough?.rawValue
            case .status: return o.set.status?.rawValue
            case .age: return o.set.age.map(String.init)
            case .needs: return o.set.needs?.rawValue
            }
        }
        switch node.type {
        case .number:
            guard node.profile == .age, let age = profile.age else { return nil }
            if let lo = node.min, age < lo { return nil }
            if let hi = node.max, age > hi { return nil }
            return .number(age)
        case .choice, .multi:
            // The field the question answers: named, or the one its options write.
            let written = Set(node.options.flatMap { o in ProfileField.allCases.filter { optionValue(o, $0) != nil } })
            guard let field = node.profile ?? (written.count == 1 ? written.first : nil) else { return nil }
            let known = value(field)
            guard !known.isEmpty else { return nil }
            func options(for v: String) -> [FlowOption] {
                node.options.filter { o in optionValue(o, field) == v || (node.profile == field && o.value == v) }
            }
            if node.type == .choice {
                guard known.count == 1 else { return nil }
                let matching = options(for: known[0])
                return matching.count == 1 ? .choice(matching[0].value) : nil
            }
            var chosen: [String] = []
            for v in known {
                let matching = options(for: v)
                guard matching.count == 1 else { return nil }
                chosen.append(matching[0].value)
            }
            // In the order the question lists them, as a person ticking them would.
            return .multi(node.options.map(\.value).filter(chosen.contains))
        case .postcode, .outcome:
            // A postcode cannot be rebuilt from a borough; the question that needs one asks.
            return nil
        }
    }

    static func assignment(_ field: ProfileField, _ value: String) -> ProfileAssignment {
        switch field {
        case .borough: return ProfileAssignment(borough: Borough(rawValue: value))
        case .status: return ProfileAssignment(status: Status(rawValue: value))
        case .needs: return ProfileAssignment(needs: NeedArea(rawValue: value))
        case .age: return ProfileAssignment(age: Int(value))
        }
    }

    public static func nextNode(after node: FlowNode, answer: Answer, answers: [String: Answer], profile: Profile) -> String? {
        if case .choice(let v) = answer, let o = node.options.first(where: { $0.value == v }), let next = o.next {
            return next
        }
        if case .multi(let values) = answer, values.count == 1,
           let o = node.options.first(where: { $0.value == values[0] }), let next = o.next {
            return next
        }
        for rule in node.next where matches(rule.when, answers: answers, profile: profile) {
            return rule.goto
        }
        if case .multi(let values) = answer {
            return values.compactMap { v in node.options.first { $0.value == v }?.next }.first
        }
        return nil
    }

    static func matches(_ when: [String: Condition], answers: [String: Answer], profile: Profile) -> Bool {
        when.allSatisfy { key, cond in
            if key.hasPrefix("profile.") {
                switch String(key.dropFirst(8)) {
                case "borough": return test(cond, strings: profile.borough.map { [$0.rawValue] } ?? [], number: nil)
                case "status": return test(cond, strings: profile.status.map { [$0.rawValue] } ?? [], number: nil)
                case "needs": return test(cond, strings: profile.needs.map(\.rawValue), number: nil)
                case "age": return test(cond, strings: profile.age.map { [String($0)] } ?? [], number: profile.age)
                default: return false
                }
            }
            guard let a = answers[key] else { return false }
            switch a {
            case .choice(let v): return test(cond, strings: [v], number: nil)
            case .multi(let vs): return test(cond, strings: vs, number: nil)
            case .number(let n): return test(cond, strings: [String(n)], number: n)
            case .postcode(_, let r): return test(cond, strings: [r.rawValue], number: nil)
            }
        }
    }

    static func test(_ cond: Condition, strings: [String], number: Int?) -> Bool {
        switch cond {
        case .anyOf(let values): return strings.contains(where: values.contains)
        case .range(let lo, let hi):
            guard let number else { return false }
            return (lo.map { number >= $0 } ?? true) && (hi.map { number <= $0 } ?? true)
        }
    }

    public static func makeOutcome(_ node: FlowNode, profile: Profile, content: Content,
                                   search: SearchEngine? = nil, words: String = "") -> FlowOutcome {
        var text = node.text
        if let b = profile.borough, let extra = node.boroughText[b] {
            text += text.isEmpty ? extra : "\n\n" + extra
        } else if profile.borough == nil, !node.boroughText.isEmpty {
            for b in Borough.allCases {
                if let extra = node.boroughText[b] { text += (text.isEmpty ? "" : "\n\n") + "In \(b.name): " + extra }
            }
        }
        var candidates: [Entry] = node.entries.compactMap { content.entry($0) }
        var seen = Set(candidates.map(\.id))
        var needs: Set<NeedArea> = []
        if let q = node.query {
            let asked: Set<NeedArea>? = {
                switch q.needs {
                case .profile: return profile.needs
                case .areas(let a): return Set(a)
                case nil: return nil
                }
            }()
            needs = asked ?? []
            for e in content.entries where !seen.contains(e.id) {
                if let kind = q.kind, e.kind != kind { continue }
                if !q.categories.isEmpty && !q.categories.contains(e.category) { continue }
                if let asked, !asked.isEmpty, asked.isDisjoint(with: e.needAreas) { continue }
                if let asked, asked.isEmpty, case .profile = q.needs { continue }
                let v = content.verdict(of: e, profile: profile)
                guard v == .eligible || (q.includeCheck && v == .check) else { continue }
                candidates.append(e)
                seen.insert(e.id)
            }
        }
        // One rule decides who can use what (the same as search and show): what the child can use
        // comes first, best match first; what is not for this child only where it points to
        // something the child can use instead, after all of them.
        var verdicts: [String: Eligibility] = [:]
        for e in candidates { verdicts[e.id] = content.eligibility(of: e, profile: profile) }
        let usable = candidates.filter { verdicts[$0.id]?.verdict != .notEligible }
        let usableIds = Set(usable.map(\.id))
        let pointers = candidates.filter { e in
            guard let v = verdicts[e.id], v.verdict == .notEligible else { return false }
            return v.instead.contains { id in
                usableIds.contains(id) || content.entry(id).map { content.verdict(of: $0, profile: profile) != .notEligible } ?? false
            }
        }
        let ranked = rank(usable, needs: needs, profile: profile, content: content, search: search, words: words,
                          authored: node.entries)
        let entries = ranked + pointers
        verdicts = verdicts.filter { id, _ in entries.contains { $0.id == id } }
        return FlowOutcome(node: node, title: node.title ?? "", text: text, entries: entries, eligibility: verdicts)
    }

    /// The words of the answers that say what the child finds hard ("Talking and understanding
    /// others"): the options chosen on the path that set a need area. Search reads them as a
    /// parent's description, so the outcome ranks services as a search for them would.
    static func needWords(path: [FlowNode], answers: [String: Answer]) -> String {
        var words: [String] = []
        for node in path {
            let chosen: [String]
            switch answers[node.id] {
            case .choice(let v)?: chosen = [v]
            case .multi(let vs)?: chosen = vs
            default: continue
            }
            for v in chosen {
                if let o = node.options.first(where: { $0.value == v }), o.set.needs != nil { words.append(o.label) }
            }
        }
        return words.joined(separator: ". ")
    }

    /// Best first. Relevance: how closely a service's need areas match the ones asked about
    /// (Jaccard: shared areas over all areas of either, so a service for exactly these needs comes
    /// before one for every need) and, when a search engine and the answers' words are given, how
    /// well search ranks it for those words (its score over the best one's), half each. Times
    /// search's own factor for the verdict (less when whether the child can use it depends on
    /// something, "? check"): a relevant service the family must ask about still comes before a
    /// general one they can use. Ties: the
    /// flow's own list order (`authored`), then the content's category order, then title.
    public static func rank(_ entries: [Entry], needs: Set<NeedArea>, profile: Profile, content: Content,
                            search: SearchEngine? = nil, words: String = "", authored: [String] = []) -> [Entry] {
        let order = Dictionary(content.categories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let listed = Dictionary(authored.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var textScore: [String: Double] = [:]
        if let search, !words.isEmpty {
            let wanted = Set(entries.map(\.id))
            let hits = search.search(words, profile: profile).hits.filter { wanted.contains($0.entry.id) }
            let best = hits.map(\.score).max() ?? 0
            if best > 0 { for h in hits { textScore[h.entry.id] = h.score / best } }
        }
        func needFit(_ e: Entry) -> Double {
            guard !needs.isEmpty else { return 1 }
            let areas = Set(e.needAreas)
            let union = areas.union(needs).count
            return union == 0 ? 0 : Double(areas.intersection(needs).count) / Double(union)
        }
        let keyed = entries.map { e -> (entry: Entry, score: Double, listed: Int, category: Int) in
            let fit = textScore.isEmpty ? needFit(e) : (needFit(e) + (textScore[e.id] ?? 0)) / 2
            return (e, fit * SearchEngine.profileFactor(e, profile), listed[e.id] ?? Int.max, order[e.category] ?? Int.max)
        }
        return keyed.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.listed != b.listed { return a.listed < b.listed }
            if a.category != b.category { return a.category < b.category }
            return a.entry.title.localizedCaseInsensitiveCompare(b.entry.title) == .orderedAscending
        }.map(\.entry)
    }

    /// Questions left on the longest way to an outcome (flows are checked to have no loops).
    /// Iterative, so a very long chain cannot overflow the stack; a loop (unchecked content) counts once.
    static func longestToOutcome(from id: String, in flow: Flow) -> Int {
        var memo: [String: Int] = [:]
        var onPath = Set<String>()
        var stack: [(id: String, expanded: Bool)] = [(id, false)]
        while let (current, expanded) = stack.popLast() {
            if memo[current] != nil { continue }
            guard let node = flow.node(current), !node.isOutcome else {
                memo[current] = 0
                continue
            }
            let next = node.successors
            if expanded {
                onPath.remove(current)
                memo[current] = 1 + (next.map { memo[$0] ?? 0 }.max() ?? 0)
                continue
            }
            if !onPath.insert(current).inserted { continue }  // a loop: stop here
            stack.append((current, true))
            for n in next where memo[n] == nil && !onPath.contains(n) { stack.append((n, false)) }
        }
        return max(1, memo[id] ?? 1)
    }

    /// Graphviz dot, for editors reviewing a flow.
    public static func graph(_ flow: Flow) -> String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines = ["digraph \(q(flow.id)) {", "  rankdir=TB;", "  node [fontname=\"Helvetica\"];"]
        for n in flow.nodes {
            let label = n.isOutcome ? (n.title ?? n.id) : n.text
            let shape = n.isOutcome ? "box, style=rounded" : "ellipse"
            lines.append("  \(q(n.id)) [label=\(q(label.count > 60 ? String(label.prefix(57)) + "…" : label)), shape=\(shape)];")
            for o in n.options {
                if let next = o.next { lines.append("  \(q(n.id)) -> \(q(next)) [label=\(q(o.label))];") }
            }
            for r in n.next {
                let cond = r.when.keys.sorted().map { k -> String in
                    switch r.when[k] {
                    case .anyOf(let v)?: return "\(k)=\(v.joined(separator: "|"))"
                    case .range(let lo, let hi)?: return "\(k) in \(lo.map(String.init) ?? "")..\(hi.map(String.init) ?? "")"
                    case nil: return k
                    }
                }.joined(separator: ", ")
                lines.append("  \(q(n.id)) -> \(q(r.goto))" + (cond.isEmpty ? " [style=dashed, label=\"otherwise\"];" : " [label=\(q(cond))];"))
            }
        }
        lines.append("  \(q("start")) [shape=point];")
        lines.append("  \(q("start")) -> \(q(flow.start));")
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}

extension FlowState {
    /// The answers taken from "About your child" rather than asked, in the words of each question's
    /// options ("Kingston upon Thames", "age 7"): both front ends show them with a way to change.
    public var fromProfileLabels: [String] {
        path.compactMap { node -> String? in
            guard let a = fromProfile[node.id] else { return nil }
            switch a {
            case .choice(let v): return node.options.first { $0.value == v }?.label ?? v
            case .multi(let vs): return vs.map { v in node.options.first { $0.value == v }?.label ?? v }.joined(separator: ", ")
            case .number(let n): return node.profile == .age ? "age \(n)" : String(n)
            case .postcode(let d, _): return d
            }
        }
    }
}
