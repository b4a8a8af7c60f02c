import Foundation

/// Reads content/concepts.yaml and the `intents` of vocabulary.yaml. Every problem is located.
enum ConceptDecoder {
    static func decode(root: URL, sink: DiagnosticSink, refs: inout ReferenceLog, limits: ContentLimits) -> [Concept] {
        guard let map = ContentLoader.topLevel("concepts.yaml", root: root, sink: sink, limits: limits) else { return [] }
        map.warnUnknownKeys(["concepts", "last_reviewed", "sources"])
        if let node = map.value("last_reviewed"), let d = map.string("last_reviewed") { refs.dates.append((d, map.loc(node))) }
        var out: [Concept] = []
        var seenIds: [String: SourceLocation] = [:]
        var seenPhrases: [String: String] = [:]
        for node in map.list("concepts", required: true) ?? [] {
            guard let m = YMap(node, file: map.file, sink: sink, context: "concepts") else { continue }
            m.warnUnknownKeys(["id", "label", "domain", "need_areas", "ages", "literal", "entries", "phrases"])
            guard let id = m.string("id", required: true) else { continue }
            if !Identifier.isValid(id) {
                sink.error(m.loc(m.value("id") ?? node), "concept id '\(id)' must be lower-case kebab-case")
            }
            if let first = seenIds[id] {
                sink.error(m.loc(m.value("id") ?? node), "concept '\(id)' is defined twice (first at \(first))")
            }
            seenIds[id] = m.location
            let label = m.string("label", required: true) ?? id
            let domain = m.string("domain", required: true) ?? ""
            if !domain.isEmpty && !Concept.domains.contains(domain), let n = m.value("domain") {
                sink.error(m.loc(n), "unknown domain '\(domain)'\(Suggest.didYouMean(domain, among: Concept.domains)) (expected one of: \(Concept.domains.joined(separator: ", ")))")
            }
            var needs: [NeedArea] = []
            for (s, loc) in m.located("need_areas") {
                if let a = NeedArea(rawValue: s) { needs.append(a) } else {
                    sink.error(loc, "unknown need area '\(s)' (expected one of: \(NeedArea.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            var ages: ClosedRange<Int>?
            if let a = m.map("ages") {
                a.warnUnknownKeys(["from", "to"])
                if let from = a.int("from", required: true), let to = a.int("to", required: true) {
                    if validAges.contains(from), validAges.contains(to), from <= to { ages = from...to } else {
                        sink.error(a.location, "ages must be whole years from 0 to 25, from <= to (got \(from) to \(to))")
                    }
                }
            }
            var entries: [(id: String, weight: Double)] = []
            if let e = m.map("entries", required: true) {
                for p in e.pairs {
                    let loc = e.loc(p.keyNode)
                    refs.add(p.key, loc, "concept '\(id)'")
                    guard case .scalar(let s) = p.value, let w = Double(s.string.trimmed), w.isFinite else {
                        sink.error(e.loc(p.value), "the weight of '\(p.key)' must be a number from 0.1 to 1.0")
                        continue
                    }
                    if w < 0.1 || w > 1.0 {
                        sink.error(e.loc(p.value), "the weight of '\(p.key)' is \(s.string.trimmed): it must be from 0.1 to 1.0")
                        continue
                    }
                    entries.append((p.key, w))
                }
                if e.pairs.isEmpty { sink.error(e.location, "concept '\(id)' points at no entries") }
            }
            var phrases: [String] = []
            for (p, loc) in m.located("phrases") {
                if p.unicodeScalars.contains(where: { !(CharacterSet.lowercaseLetters.contains($0) || CharacterSet.decimalDigits.contains($0) || $0 == " " || $0 == "'" || $0 == "-") }) {
                    sink.error(loc, "phrase '\(p)' must be lower case words without punctuation (it is compared with what families type, folded the same way)")
                    continue
                }
                let words = ConceptIndex.words(of: p)
                if !words.contains(where: { $0 != "not" }) {
                    sink.error(loc, "phrase '\(p)' has only grammar words: it would match every query")
                    continue
                }
                let key = words.joined(separator: " ")
                if let other = seenPhrases[key], other != id {
                    sink.error(loc, "phrase '\(p)' means the same as a phrase of concept '\(other)': put it in one concept that points at both")
                }
                seenPhrases[key] = id
                phrases.append(p)
            }
            if phrases.isEmpty { sink.error(m.anchor ?? m.location, "concept '\(id)' has no phrases") }
            out.append(Concept(id: id, label: label, domain: domain, needAreas: needs, ages: ages,
                               literal: m.bool("literal") ?? true, entries: entries, phrases: phrases, location: m.location))
        }
        return out
    }

    static func decodeIntents(_ map: YMap, sink: DiagnosticSink, refs: inout ReferenceLog) -> [Intent] {
        var out: [Intent] = []
        for node in map.list("intents") ?? [] {
            guard let m = YMap(node, file: map.file, sink: sink, context: "intents") else { continue }
            m.warnUnknownKeys(["id", "label", "phrases", "words", "prefer"])
            guard let id = m.string("id", required: true) else { continue }
            var kind: EntryKind?
            var categories: [String] = []
            var entries: [String] = []
            if let p = m.map("prefer", required: true) {
                p.warnUnknownKeys(["kind", "categories", "entries"])
                if let k = p.string("kind") {
                    kind = EntryKind(rawValue: k)
                    if kind == nil, let n = p.value("kind") { sink.error(p.loc(n), "unknown kind '\(k)' (expected service or guide)") }
                }
                for (c, loc) in p.located("categories") {
                    categories.append(c)
                    refs.categories.append((c, loc))
                }
                for (e, loc) in p.located("entries") {
                    entries.append(e)
                    refs.add(e, loc, "intent '\(id)'")
                }
            }
            let phrases = m.strings("phrases", required: true)
            out.append(Intent(id: id, label: m.string("label") ?? id, phrases: phrases, words: m.strings("words"), preferKind: kind,
                              preferCategories: categories, preferEntries: entries, location: m.location))
        }
        return out
    }
}
