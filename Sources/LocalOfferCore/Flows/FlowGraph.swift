import Foundation

/// The shape of a flow: how far to an outcome, and a drawing of it for editors.
extension FlowEngine {
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
