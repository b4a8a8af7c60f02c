import Foundation
import Yams

enum FlowDecoder {
    static func decode(_ file: YAMLFile, sink: DiagnosticSink, refs: inout ReferenceLog) -> Flow? {
        guard let m = YMap(file.root, file: file.path, sink: sink, context: "") else { return nil }
        m.warnUnknownKeys(["id", "title", "summary", "start", "nodes", "sources", "last_reviewed"])
        let id = m.string("id", required: true)
        let title = m.string("title", required: true)
        let start = m.string("start", required: true)
        var nodes: [FlowNode] = []
        var seen: [String: SourceLocation] = [:]
        for node in m.list("nodes", required: true) ?? [] {
            guard let n = YMap(node, file: file.path, sink: sink, context: "nodes"),
                  let decoded = decodeNode(n, sink: sink, refs: &refs, flowId: id ?? "") else { continue }
            if let first = seen[decoded.id] {
                sink.error(decoded.location, "duplicate node id '\(decoded.id)' (first at line \(first.line ?? 0))")
                continue
            }
            seen[decoded.id] = decoded.location
            nodes.append(decoded)
        }
        if let id, let idNode = m.value("id") {
            let expected = YAMLFile.stem(file.path)
            if expected != id {
                sink.error(m.loc(idNode), "flow id '\(id)' does not match the file name '\(expected)'")
            }
        }
        // A flow states timescales and rules of law: like an entry it says where they come from.
        let lastReviewed = m.string("last_reviewed", required: true) ?? ""
        if let node = m.value("last_reviewed") { refs.dates.append((lastReviewed, m.loc(node))) }
        let sources = m.strings("sources")
        if sources.isEmpty {
            sink.error(m.anchor ?? m.location, "flow '\(id ?? "")' has no sources: list the pages its timescales and rules come from")
        }
        for (url, loc) in m.located("sources") where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            sink.error(loc, "source '\(url)' is not a web address")
        }
        guard let id, let title, let start else { return nil }
        var flow = Flow(id: id, title: title, summary: m.string("summary") ?? "", start: start, nodes: nodes,
                        sources: sources, lastReviewed: lastReviewed, location: m.location)
        if let s = m.value("start") { flow.location = m.loc(s) }
        return flow
    }

    static func decodeNode(_ n: YMap, sink: DiagnosticSink, refs: inout ReferenceLog, flowId: String) -> FlowNode? {
        n.warnUnknownKeys(["id", "type", "text", "help", "profile", "options", "min", "max", "next", "title",
                           "borough_text", "entries", "query"])
        guard let id = n.string("id", required: true), let typeText = n.string("type", required: true) else { return nil }
        guard let type = QuestionType(rawValue: typeText) else {
            sink.error(n.loc(n.value("type")!), "unknown node type '\(typeText)' (expected choice, multi, number, postcode or outcome)")
            return nil
        }
        var node = FlowNode(id: id, type: type, location: n.location)
        node.text = n.string("text", required: type != .outcome) ?? ""
        node.help = n.string("help")
        if let p = n.string("profile") {
            if let field = ProfileField(rawValue: p) { node.profile = field } else {
                sink.error(n.loc(n.value("profile")!), "unknown profile field '\(p)' (expected borough, age, status or needs)")
            }
        }
        node.min = n.int("min")
        node.max = n.int("max")
        for o in n.list("options", required: type == .choice || type == .multi) ?? [] {
            guard let om = YMap(o, file: n.file, sink: sink, context: "options") else { continue }
            om.warnUnknownKeys(["value", "label", "next", "exclusive", "set"])
            guard let value = om.string("value", required: true), let label = om.string("label", required: true) else { continue }
            var option = FlowOption(value: value, label: label, next: om.string("next"), exclusive: om.bool("exclusive") ?? false,
                                    location: om.location)
            if let s = om.map("set") { option.set = decodeAssignment(s, sink: sink) }
            if let field = node.profile, !isValid(value, for: field) {
                sink.error(om.location, "option '\(value)' is not a valid \(field.rawValue), but the question writes its answer to the profile's \(field.rawValue)")
            }
            node.options.append(option)
        }
        if type == .choice || type == .multi {
            var values = Set<String>()
            for o in node.options where !values.insert(o.value).inserted {
                sink.error(o.location, "duplicate option value '\(o.value)'")
            }
        }
        if type == .number {
            if node.min == nil || node.max == nil { sink.error(n.location, "a number question needs 'min' and 'max'") }
            if let lo = node.min, let hi = node.max, lo > hi { sink.error(n.location, "min \(lo) is above max \(hi)") }
        }
        for r in n.list("next") ?? [] {
            guard let rm = YMap(r, file: n.file, sink: sink, context: "next") else { continue }
            rm.warnUnknownKeys(["when", "goto"])
            guard let goto = rm.string("goto", required: true) else { continue }
            var rule = FlowRule(goto: goto, location: rm.value("goto").map(rm.loc) ?? rm.location)
            if let w = rm.map("when") {
                for p in w.pairs {
                    if let c = decodeCondition(p.value, map: w, sink: sink) { rule.when[p.key] = c }
                }
            }
            node.next.append(rule)
        }
        if type == .outcome {
            node.title = n.string("title", required: true)
            node.text = n.string("text") ?? ""
            if let bt = n.map("borough_text") {
                for p in bt.pairs {
                    guard let b = Borough(rawValue: p.key) else {
                        sink.error(bt.loc(p.keyNode), "borough text for unknown borough '\(p.key)' (expected richmond or kingston)")
                        continue
                    }
                    if let t = bt.string(p.key) { node.boroughText[b] = t }
                }
            }
            let entries = n.located("entries")
            for (e, loc) in entries { refs.add(e, loc, "outcome '\(id)' of flow '\(flowId)'") }
            node.entries = entries.map(\.0)
            if let q = n.map("query") {
                q.warnUnknownKeys(["needs", "categories", "kind", "include_check"])
                var query = OutcomeQuery()
                if let v = q.value("needs") {
                    if case .scalar(let s) = v, s.string == "profile" { query.needs = .profile } else {
                        var areas: [NeedArea] = []
                        for (a, loc) in q.located("needs") {
                            if let area = NeedArea(rawValue: a) { areas.append(area) } else {
                                sink.error(loc, "unknown need area '\(a)' (or write 'profile')")
                            }
                        }
                        query.needs = .areas(areas)
                    }
                }
                let cats = q.located("categories")
                for (c, loc) in cats { refs.categories.append((c, loc)) }
                query.categories = cats.map(\.0)
                if let k = q.string("kind") {
                    if let kind = EntryKind(rawValue: k) { query.kind = kind } else {
                        sink.error(q.loc(q.value("kind")!), "unknown kind '\(k)' (expected service or guide)")
                    }
                }
                query.includeCheck = q.bool("include_check") ?? true
                node.query = query
            }
            if node.entries.isEmpty && node.query == nil && node.text.isEmpty && node.boroughText.isEmpty {
                sink.error(n.location, "outcome '\(id)' says nothing: give it text, entries or a query")
            }
        }
        return node
    }

    static func decodeCondition(_ v: Node, map: YMap, sink: DiagnosticSink) -> Condition? {
        switch v {
        case .scalar(let s):
            return .anyOf([s.string])
        case .sequence(let seq):
            return .anyOf(seq.compactMap { $0.string })
        case .mapping:
            guard let r = YMap(v, file: map.file, sink: sink, context: "when") else { return nil }
            r.warnUnknownKeys(["min", "max"])
            let lo = r.int("min")
            let hi = r.int("max")
            if lo == nil && hi == nil {
                sink.error(r.location, "a range condition needs 'min' or 'max'")
                return nil
            }
            return .range(min: lo, max: hi)
        case .alias:
            sink.error(map.loc(v), "aliases are not supported in 'when'")
            return nil
        }
    }

    static func decodeAssignment(_ s: YMap, sink: DiagnosticSink) -> ProfileAssignment {
        s.warnUnknownKeys(Set(ProfileField.allCases.map(\.rawValue)))
        var a = ProfileAssignment()
        if let b = s.string("borough") {
            if let v = Borough(rawValue: b) { a.borough = v } else { sink.error(s.location, "unknown borough '\(b)' (expected richmond or kingston)") }
        }
        if let st = s.string("status") {
            if let v = Status(rawValue: st) { a.status = v } else { sink.error(s.location, "unknown status '\(st)' (expected none, sen-support or ehcp)") }
        }
        if let n = s.string("needs") {
            if let v = NeedArea(rawValue: n) { a.needs = v } else { sink.error(s.location, "unknown need area '\(n)'") }
        }
        if let age = s.int("age") {
            if validAges.contains(age) { a.age = age } else { sink.error(s.location, "age \(age) is outside 0 to 25") }
        }
        return a
    }

    static func isValid(_ value: String, for field: ProfileField) -> Bool {
        switch field {
        case .borough: return Borough(rawValue: value) != nil
        case .status: return Status(rawValue: value) != nil
        case .needs: return NeedArea(rawValue: value) != nil
        case .age: return Int(value).map { validAges.contains($0) } ?? false
        }
    }
}
