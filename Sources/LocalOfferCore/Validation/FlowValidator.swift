/// Structural checks of a flow: every path must end in an outcome, and nothing may dangle or loop.
enum FlowValidator {
    static let postcodeValues: Set<String> = ["richmond", "kingston", "shared", "outside"]

    static func validate(_ flow: Flow, hasPostcodes: Bool, sink: DiagnosticSink) {
        let byId = Dictionary(flow.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if byId[flow.start] == nil {
            sink.error(flow.location, "start node '\(flow.start)' does not exist\(Suggest.didYouMean(flow.start, among: Array(byId.keys)))")
        }
        for node in flow.nodes {
            for o in node.options {
                if let next = o.next, byId[next] == nil {
                    sink.error(o.location, "option '\(o.value)' goes to '\(next)', which is not a node of this flow\(Suggest.didYouMean(next, among: Array(byId.keys)))")
                }
            }
            for r in node.next where byId[r.goto] == nil {
                sink.error(r.location, "'goto: \(r.goto)' names a node that does not exist\(Suggest.didYouMean(r.goto, among: Array(byId.keys)))")
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
            guard let node = byId[id], reached.insert(id).inserted else { continue }
            stack += node.successors
        }
        for node in flow.nodes where !reached.contains(node.id) {
            sink.error(node.location, "node '\(node.id)' cannot be reached from the start")
        }

        // Questions from which no outcome can be reached.
        var reachesOutcome = Set(flow.nodes.filter(\.isOutcome).map(\.id))
        var changed = true
        while changed {
            changed = false
            for node in flow.nodes where !reachesOutcome.contains(node.id) {
                if node.successors.contains(where: { reachesOutcome.contains($0) }) {
                    reachesOutcome.insert(node.id)
                    changed = true
                }
            }
        }
        for node in flow.nodes where !node.isOutcome && !reachesOutcome.contains(node.id) && reached.contains(node.id) {
            sink.error(node.location, "question '\(node.id)' cannot lead to any outcome")
        }

        // Loops: a question must never be asked twice on one path.
        var state: [String: Int] = [:]  // 1 = on the path, 2 = done
        var reported = Set<String>()
        func visit(_ id: String, path: [String]) {
            guard let node = byId[id] else { return }
            if state[id] == 2 { return }
            if state[id] == 1 {
                let loop = (path.drop { $0 != id } + [id]).joined(separator: " → ")
                if reported.insert(id).inserted { sink.error(node.location, "loop: \(loop)") }
                return
            }
            state[id] = 1
            for next in node.successors { visit(next, path: path + [id]) }
            state[id] = 2
        }
        visit(flow.start, path: [])
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
