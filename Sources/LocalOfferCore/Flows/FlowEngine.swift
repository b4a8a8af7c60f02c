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

    static func nextNode(after node: FlowNode, answer: Answer, answers: [String: Answer], profile: Profile) -> String? {
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
}
