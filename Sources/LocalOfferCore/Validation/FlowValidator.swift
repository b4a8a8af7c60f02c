/// Structural checks of a flow: every path must end in an outcome, and nothing may dangle or loop.
enum FlowValidator {
    static let postcodeValues: Set<String> = ["richmond", "kingston", "shared", "outside"]

    /// Iterative throughout (no recursion over nodes) and linear in the flow: a chain of many
    /// thousands of questions is checked in milliseconds, never overflowing the stack.
    /// Returns the steps taken by its walks (a step is one node or arrow looked at), so a test can
    /// hold it to linear work without timing it.
    @discardableResult
    static func validate(_ flow: Flow, hasPostcodes: Bool, sink: DiagnosticSink) -> Int {
        var steps = 0
        let byId = Dictionary(flow.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // "Did you mean" compares against every id: worth it for a few mistakes, not for thousands.
        var suggestions = 0
        func didYouMean(_ word: String) -> String {
            suggestions += 1
            return suggestions <= 20 ? Suggest.didYouMean(word, among: Array(byId.keys)) : ""
        }
        if byId[flow.start] == nil {
            sink.error(flow.location, "start node '\(flow.start)' does not exist\(didYouMean(flow.start))")
        }
        var successors: [String: [String]] = [:]
        for node in flow.nodes where successors[node.id] == nil { successors[node.id] = node.successors }
        for node in flow.nodes {
            steps += 1
            for o in node.options {
                if let next = o.next, byId[next] == nil {
                    sink.error(o.location, "option '\(o.value)' goes to '\(next)', which is not a node of this flow\(didYouMean(next))")
                }
            }
            for r in node.next where byId[r.goto] == nil {
                sink.error(r.location, "'goto: \(r.goto)' names a node that does not exist\(didYouMean(r.goto))")
            }
            let hasDefault = node.next.contains { $0.when.isEmpty }
            switch node.type {
            case .outcome:
                if !node.next.isEmpty || !node.options.isEmpty {
                    sink.error(node.location, "outcome '\(node.id)' cannot have options or next rules")
                }
            case .choice, .multi:
                if node.options.isEmpty { sink.error(node.location, "question '\(node.id)' has no options") }
                for o in node.options where o.next == nil && !hasDefault {
                    sink.error(o.location, "option '\(o.value)' of '\(node.id)' has no next node (add 'next:' to it, or a rule without 'when')")
                }
            case .number, .postcode:
                if !hasDefault {
                    sink.error(node.location, "question '\(node.id)' has no default rule (a 'next' item without 'when'), so some answers lead nowhere")
                }
                if node.type == .postcode && !hasPostcodes {
                    sink.error(node.location, "question '\(node.id)' asks for a postcode but there is no postcodes.yaml")
                }
            }
            for r in node.next {
                for (key, cond) in r.when { checkCondition(key, cond, rule: r, flow: flow, byId: byId, sink: sink) }
            }
        }

        // Reachability from the start.
        var reached = Set<String>()
        var stack = [flow.start]
        while let id = stack.popLast() {
            steps += 1
            guard byId[id] != nil, reached.insert(id).inserted else { continue }
            stack += successors[id] ?? []
        }
        for node in flow.nodes where !reached.contains(node.id) {
            sink.error(node.location, "node '\(node.id)' cannot be reached from the start")
        }

        // Questions from which no outcome can be reached: walk the arrows backwards from the outcomes.
        var predecessors: [String: [String]] = [:]
        for (id, next) in successors {
            for n in next { predecessors[n, default: []].append(id) }
        }
        var reachesOutcome = Set<String>()
        var work = flow.nodes.filter(\.isOutcome).map(\.id)
        while let id = work.popLast() {
            steps += 1
            guard reachesOutcome.insert(id).inserted else { continue }
            work += predecessors[id] ?? []
        }
        for node in flow.nodes where !node.isOutcome && !reachesOutcome.contains(node.id) && reached.contains(node.id) {
            sink.error(node.location, "question '\(node.id)' cannot lead to any outcome")
        }

        // Loops: a question must never be asked twice on one path. Depth-first with an explicit stack.
        var state: [String: Int] = [:]  // 1 = on the path, 2 = done
        var reported = Set<String>()
        var path: [(id: String, next: [String], index: Int)] = []
        if byId[flow.start] != nil {
            state[flow.start] = 1
            path.append((flow.start, successors[flow.start] ?? [], 0))
        }
        while !path.isEmpty {
            steps += 1
            let top = path.count - 1
            guard path[top].index < path[top].next.count else {
                state[path[top].id] = 2
                path.removeLast()
                continue
            }
            let id = path[top].next[path[top].index]
            path[top].index += 1
            guard let node = byId[id], state[id] != 2 else { continue }
            if state[id] == 1 {
                if reported.insert(id).inserted {
                    let ids = path.map(\.id)
                    let loop = Array(ids.drop { $0 != id }) + [id]
                    let shown = loop.count > 12 ? loop.prefix(5) + ["…"] + loop.suffix(5) : loop[...]
                    sink.error(node.location, "loop: \(shown.joined(separator: " → "))")
                }
                continue
            }
            state[id] = 1
            path.append((id, successors[id] ?? [], 0))
        }
        return steps
    }

    static func checkCondition(_ key: String, _ cond: Condition, rule: FlowRule, flow: Flow,
                               byId: [String: FlowNode], sink: DiagnosticSink) {
        if key.hasPrefix("profile.") {
            let field = String(key.dropFirst("profile.".count))
            guard let f = ProfileField(rawValue: field) else {
                sink.error(rule.location, "unknown profile field '\(field)' in 'when' (expected borough, age, status or needs)")
                return
            }
            if case .anyOf(let values) = cond {
                for v in values where !FlowDecoder.isValid(v, for: f) {
                    sink.error(rule.location, "'\(v)' is not a valid \(field) in 'when'")
                }
            }
            return
        }
        guard let q = byId[key], !q.isOutcome else {
            sink.error(rule.location, "'when' names '\(key)', which is not a question of this flow (or profile.FIELD)")
            return
        }
        switch (q.type, cond) {
        case (.choice, .anyOf(let values)), (.multi, .anyOf(let values)):
            let options = Set(q.options.map(\.value))
            for v in values where !options.contains(v) {
                sink.error(rule.location, "'when' tests '\(key)' for '\(v)', which is not one of its options\(Suggest.didYouMean(v, among: Array(options)))")
            }
        case (.postcode, .anyOf(let values)):
            for v in values where !postcodeValues.contains(v) {
                sink.error(rule.location, "a postcode answer is richmond, kingston, shared or outside, not '\(v)'")
            }
        case (.number, .range), (.number, .anyOf):
            break
        default:
            sink.error(rule.location, "this kind of 'when' condition does not fit the \(q.type.rawValue) question '\(key)'")
        }
    }
}
