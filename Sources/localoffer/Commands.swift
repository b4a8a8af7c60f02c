import ArgumentParser
import Foundation
import LocalOfferCore
import LocalOfferUI

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Search the Local Offer in everyday words.")
    @Argument(help: "What to look for, in any words (\"speech therapy\", \"respite\", \"my son doesn't talk yet\").")
    var query: [String]
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Only entries for this need area.") var need: NeedArea?
    @Option(help: "At most this many results.") var limit: Int?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Say why each result ranks: the words, concepts, synonyms and typo corrections that matched, with their weights.")
    var explain = false

    func run() throws {
        let content = try contentOptions.load()
        let engine = SearchEngine(content: content)
        let q = query.joined(separator: " ")
        let profile = profileOptions.profile
        let r = engine.search(q, profile: profile, need: need, limit: limit.map { max(0, $0) }, explain: explain)
        if json {
            var out: [String: Any] = [
                "query": q, "total": r.total,
                "results": r.hits.map { h -> [String: Any] in
                    var d: [String: Any] = ["id": h.entry.id, "title": h.entry.title, "score": Output.rounded(h.score),
                                            "kind": h.entry.kind.rawValue, "summary": h.entry.summary,
                                            "boroughs": h.entry.servedIn.map(\.rawValue)]
                    if !h.entry.locatedIn.isEmpty { d["located_in"] = h.entry.locatedIn.map(\.rawValue) }
                    if let e = h.eligibility { d["eligibility"] = Output.eligibilityJSON(e) }
                    if let x = h.explanation { d["explain"] = explainJSON(x) }
                    return d
                },
            ]
            if explain {
                out["read_as"] = ["corrections": r.corrections.map { ["from": $0.from, "to": $0.to] },
                                  "concepts": r.concepts, "intent": r.intent as Any, "unknown_words": r.unknownWords]
            }
            if r.hidden > 0 { out["hidden"] = ["count": r.hidden, "reason": r.hiddenReason ?? ""] }
            if !r.suggestions.isEmpty { out["suggestions"] = r.suggestions }
            if r.total == 0 { out["help"] = ["id": "sendiass", "text": noResultsHelp(content)] }
            if let age = r.ageHint { out["age_hint"] = age }
            Output.json(out)
            return
        }
        let width = Output.width
        if r.total == 0 {
            print("Nothing found for \"\(Sanitize.oneLine(q))\".")
            if !r.suggestions.isEmpty { print("Did you mean: \(r.suggestions.joined(separator: ", "))?") }
            for l in Wrap.lines(noResultsHelp(content), width: width) { print(l) }
            return
        }
        if explain {
            var read: [String] = []
            if !r.corrections.isEmpty { read.append("corrected " + r.corrections.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")) }
            if !r.concepts.isEmpty { read.append("concepts: " + r.concepts.joined(separator: ", ")) }
            if let i = r.intent { read.append("question: \(i)") }
            if !r.unknownWords.isEmpty { read.append("not matched: " + r.unknownWords.joined(separator: ", ")) }
            if !read.isEmpty { print("Read as: " + read.joined(separator: "; ")) }
        }
        print("\(r.total) result\(r.total == 1 ? "" : "s") for \"\(Sanitize.oneLine(q))\"" + (profile.isEmpty ? "" : " (for \(profile.summary))") + ":")
        if let reason = r.hiddenReason { print("(\(reason))") }
        for (i, h) in r.hits.enumerated() {
            print("")
            print(DisplayWidth.truncate("\(i + 1). \(h.entry.title)  [\(h.entry.id)]", to: width))
            for l in Wrap.indent(h.entry.summary, width: width, prefix: "   ") { print(l) }
            print("   " + (content.placeLine(h.entry) ?? "Offered in Richmond and Kingston"))
            if let e = h.eligibility {
                for l in Wrap.indent(EntryText.verdictLine(e), width: width, prefix: "   ") { print(l) }
            }
            if let x = h.explanation {
                for line in explainLines(x, score: h.score) {
                    for l in Wrap.indent(line, width: width, prefix: "   ") { print(l) }
                }
            }
        }
        if let limit, r.total > limit { print("\n… \(r.total - limit) more: use --limit to see them.") }
    }

    func explainJSON(_ x: SearchEngine.Explanation) -> [String: Any] {
        ["words": x.terms.map { ["word": $0.word, "matched": $0.matched, "how": $0.kind.description, "score": Output.rounded($0.score)] },
         "word_score": Output.rounded(x.wordScore),
         "concepts": x.concepts.map { ["concept": $0.concept, "label": $0.label, "phrase": $0.phrase,
                                       "weight": $0.weight, "score": Output.rounded($0.score)] },
         "concept_score": Output.rounded(x.conceptScore),
         "factors": x.factors.map { ["why": $0.0, "factor": $0.1] }]
    }

    func explainLines(_ x: SearchEngine.Explanation, score: Double) -> [String] {
        var out: [String] = []
        if !x.terms.isEmpty {
            out.append("Words (\(Output.rounded(x.wordScore))): " + x.terms.map { t in
                let via = t.kind == .exact ? "" : " via \(t.kind) '\(t.matched)'"
                return "\(t.word)\(via) \(Output.rounded(t.score))"
            }.joined(separator: ", "))
        }
        if !x.concepts.isEmpty {
            out.append("Concepts (\(Output.rounded(x.conceptScore))): " + x.concepts.map {
                "\($0.label) ('\($0.phrase)', weight \($0.weight)) \(Output.rounded($0.score))"
            }.joined(separator: ", "))
        }
        for (why, f) in x.factors where f != 1 { out.append("× \(f): \(why)") }
        out.append("Score: \(Output.rounded(score))")
        return out
    }

    func noResultsHelp(_ content: Content) -> String {
        let name = content.entry("sendiass")?.title ?? "SENDIASS"
        return "Not sure what to search for? \(name) gives free, impartial advice to families: localoffer show sendiass"
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one entry: who it is for, how to get it, in each borough.")
    @Argument(help: "The entry's id, e.g. speech-and-language-therapy.") var id: String
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Flag(help: "Print JSON.") var json = false
    // Not --adviser: the top-level command owns that name, and the parser would hand it there.
    @Flag(help: "Add talking points and the statutory basis (for advisers and Parent Champions).") var detail = false

    func run() throws {
        let content = try contentOptions.load()
        guard let entry = content.entry(id) else {
            var msg = "error: no entry with id '\(id)'"
            let near = SearchEngine(content: content).nearestIds(to: id)
            if !near.isEmpty { msg += ": did you mean \(near.joined(separator: ", "))?" }
            if content.flow(id) != nil { msg += " ('\(id)' is a flow: localoffer flow \(id))" }
            Output.error(msg)
            throw ExitCode(1)
        }
        let profile = profileOptions.profile
        let e = content.eligibility(of: entry, profile: profile)
        if json {
            var boroughs: [String: Any] = [:]
            for b in Borough.allCases {
                guard let p = entry.boroughs[b], p.offered else { continue }
                var d: [String: Any] = ["offered": true]
                if let v = p.provider { d["provider"] = v }
                if let v = p.howToGet { d["how_to_get"] = v }
                if !p.routes.isEmpty { d["routes"] = p.routes }
                if let v = p.differences { d["differences"] = v }
                if !p.eligibility.isEmpty {
                    d["eligibility"] = Dictionary(uniqueKeysWithValues: p.eligibility.map { ($0.key.rawValue, ruleJSON($0.value)) })
                }
                if let c = p.contact { d["contact"] = contactJSON(c) }
                boroughs[b.rawValue] = d
            }
            var notOffered: [String: Any] = [:]
            for b in Borough.allCases {
                guard let p = entry.boroughs[b], !p.offered else { continue }
                if let via = p.openVia {
                    // Not run there, but open to its families another way: it serves them.
                    boroughs[b.rawValue] = ["offered": false, "open_via": via, "how_to_get": p.reason ?? "",
                                            "summary": "\(b.name) families \(content.crossBoroughLabel(via))",
                                            "instead": p.instead]
                    continue
                }
                notOffered[b.rawValue] = ["reason": p.reason ?? "", "instead": p.instead]
            }
            var out: [String: Any] = [
                "id": entry.id, "kind": entry.kind.rawValue, "title": entry.title, "summary": entry.summary,
                "description": entry.description, "category": entry.category,
                "need_areas": entry.needAreas.map(\.rawValue),
                "ages": ["from": entry.ages.lowerBound, "to": entry.ages.upperBound],
                "boroughs": boroughs, "eligibility": Output.eligibilityJSON(e),
                "status_rules": Dictionary(uniqueKeysWithValues: entry.eligibility.map { ($0.key.rawValue, ruleJSON($0.value)) }),
                "parent_words": entry.parentWords, "related": entry.related,
                "last_reviewed": entry.lastReviewed, "sources": entry.sources,
            ]
            if !notOffered.isEmpty { out["not_offered"] = notOffered }
            if !entry.locatedIn.isEmpty { out["located_in"] = entry.locatedIn.map(\.rawValue) }
            if let c = entry.contact { out["contact"] = contactJSON(c) }
            if let c = entry.cost { out["cost"] = c }
            if let t = entry.talkingPoints { out["talking_points"] = ["ask": t.ask, "bring": t.bring, "next": t.next] }
            if let s = entry.statutory { out["statutory"] = ["basis": s.basis ?? "", "timescales": s.timescales ?? ""] }
            if !entry.steps.isEmpty { out["steps"] = entry.steps.map { ["title": $0.title, "text": $0.text, "entries": $0.entries] } }
            Output.json(out)
            return
        }
        for l in EntryText.lines(for: entry, in: content, profile: profile, width: Output.width, mode: detail ? .adviser : .family) {
            print(l.text)
        }
    }

    func ruleJSON(_ r: StatusRule) -> [String: Any] {
        var d: [String: Any] = ["verdict": r.verdict.rawValue, "reason": r.reason]
        if !r.instead.isEmpty { d["instead"] = r.instead }
        return d
    }
    func contactJSON(_ c: Contact) -> [String: Any] {
        var d: [String: Any] = [:]
        if let v = c.website { d["website"] = v }
        if let v = c.phone { d["phone"] = v }
        if let v = c.email { d["email"] = v }
        return d
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List entries, A to Z, that match the filters.")
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Only entries for this need area.") var need: NeedArea?
    @Option(help: "Only this kind: service or guide.") var kind: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let content = try contentOptions.load()
        let profile = profileOptions.profile
        var rows: [(Entry, Eligibility?)] = []
        var excluded = 0
        for e in content.entriesByTitle {
            if let need, !e.needAreas.contains(need) { continue }
            if let kind, e.kind.rawValue != kind { continue }
            if profile.constrainsEligibility {
                let v = content.eligibility(of: e, profile: profile)
                if v.verdict == .notEligible { excluded += 1; continue }
                rows.append((e, v))
            } else {
                rows.append((e, nil))
            }
        }
        if json {
            var out: [String: Any] = ["total": rows.count, "results": rows.map { e, v -> [String: Any] in
                var d: [String: Any] = ["id": e.id, "title": e.title, "kind": e.kind.rawValue,
                                        "boroughs": e.servedIn.map(\.rawValue), "category": e.category]
                if let v { d["eligibility"] = Output.eligibilityJSON(v) }
                return d
            }]
            if excluded > 0 { out["hidden"] = ["count": excluded, "reason": "not for this child (borough, age or status)"] }
            Output.json(out)
            return
        }
        print("\(rows.count) entr\(rows.count == 1 ? "y" : "ies")" + (profile.isEmpty ? "" : " for \(profile.summary)") + (excluded > 0 ? " (\(excluded) more are not for this child)" : "") + ":")
        for (e, v) in rows {
            let mark = v.map { $0.verdict == .eligible ? "✓ " : "? " } ?? ""
            print(DisplayWidth.truncate("\(mark)\(e.title)  [\(e.id)]", to: Output.width))
        }
    }
}

struct Glossary: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "What does this word mean? Plain meanings of SEND terms.")
    @Argument(help: "A term or abbreviation (EHCP, SENCO, respite …).") var term: [String] = []
    @OptionGroup var contentOptions: ContentOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let content = try contentOptions.load()
        var terms = content.glossary.sorted { $0.term.localizedCaseInsensitiveCompare($1.term) == .orderedAscending }
        let word = term.joined(separator: " ")
        if !word.isEmpty {
            terms = content.glossaryLookup(word)
            if terms.isEmpty {
                let all = content.glossary.flatMap { [$0.term] + $0.aliases }
                let near = Suggest.nearest(word, among: all)
                Output.error("error: no glossary term '\(word)'" + (near.isEmpty ? "" : ": did you mean \(near.joined(separator: ", "))?"))
                throw ExitCode(1)
            }
        }
        if json {
            Output.json(["terms": terms.map { ["term": $0.term, "meaning": $0.meaning, "aliases": $0.aliases, "see": $0.see] }])
            return
        }
        for t in terms {
            print(t.term + (t.aliases.isEmpty ? "" : " (also: \(t.aliases.joined(separator: ", ")))"))
            for l in Wrap.indent(t.meaning, width: Output.width, prefix: "  ") { print(l) }
            if !t.see.isEmpty { print("  See: " + t.see.joined(separator: ", ")) }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate all content: FILE:LINE:COL: error: message.")
    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "Warn about every entry last reviewed more than DAYS days ago (default: 12 months). Warnings alone exit 0.")
    var maxAge: Int?

    func validate() throws {
        if let maxAge, maxAge < 0 || maxAge > 36_500 { throw ValidationError("--max-age must be from 0 to 36500 days") }
    }

    func run() throws {
        let root = ContentLocator.locate(contentOptions.content)
        // Drafts are checked like every entry, and counted: they reach no family until reviewed.
        let result = ContentLoader.load(from: root, maxAgeDays: maxAge, includeDrafts: true)
        for d in result.diagnostics { Output.error(d.description) }
        let c = result.content
        let drafts = c.entries.filter(\.draft).map(\.id).sorted()
        print("Checked \(c.entries.count) entries, \(c.flows.count) flows, \(c.glossary.count) glossary terms, \(c.coverage.count) coverage items in \(root.path): \(result.errors.count) error\(result.errors.count == 1 ? "" : "s"), \(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s").")
        if !drafts.isEmpty {
            print("\(drafts.count) draft\(drafts.count == 1 ? "" : "s") awaiting review (hidden from families until then): \(drafts.prefix(5).joined(separator: ", "))\(drafts.count > 5 ? ", …" : ""). Publish with: localoffer review ID…")
        }
        // The exit status is the truth: any error line printed means exit 1, whatever printed it.
        if !result.isValid || result.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flow", abstract: "Answer a guided question flow.")
    @Argument(help: "The flow's id, e.g. find-support.") var flowId: String
    @Option(name: .customLong("answer"), help: "QUESTION_ID=VALUE (repeat; several choices: a,b).") var answers: [String] = []
    @OptionGroup var contentOptions: ContentOptions
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print the flow as Graphviz dot.") var graph = false

    func run() throws {
        let content = try contentOptions.load()
        guard let flow = content.flow(flowId) else {
            let near = Suggest.nearest(flowId, among: content.flows.map(\.id))
            Output.error("error: no flow '\(flowId)'" + (near.isEmpty ? "" : ": did you mean \(near.joined(separator: ", "))?") + " Flows: \(content.flows.map(\.id).joined(separator: ", "))")
            throw ExitCode(1)
        }
        if graph {
            print(FlowEngine.graph(flow))
            return
        }
        var given: [String: Answer] = [:]
        for a in answers {
            guard let eq = a.firstIndex(of: "=") else {
                Output.error("error: --answer takes QUESTION_ID=VALUE, not '\(a)'")
                throw ExitCode(1)
            }
            let qid = String(a[..<eq]), value = String(a[a.index(after: eq)...])
            guard let node = flow.node(qid), !node.isOutcome else {
                let questions = flow.nodes.filter { !$0.isOutcome }.map(\.id)
                Output.error("error: '\(qid)' is not a question of \(flow.id)" + Suggest.didYouMean(qid, among: questions))
                throw ExitCode(1)
            }
            do {
                given[qid] = try FlowEngine.parse(value, for: node, postcodes: content.postcodes)
            } catch let e as FlowError {
                Output.error("error: \(e.message)")
                throw ExitCode(1)
            }
        }
        let state = FlowEngine.run(flow, answers: given, content: content)
        if json {
            var out: [String: Any] = ["flow": flow.id, "title": flow.title, "complete": state.complete,
                                      "question": NSNull(), "outcome": NSNull(), "profile": profileJSON(state.profile),
                                      "answered": state.path.map(\.id)]
            if let q = state.current {
                var d: [String: Any] = ["id": q.id, "text": q.text, "type": q.type.rawValue,
                                        "options": q.options.map { ["value": $0.value, "label": $0.label] }]
                if let h = q.help { d["help"] = h }
                if let lo = q.min { d["min"] = lo }
                if let hi = q.max { d["max"] = hi }
                let p = state.progress
                d["progress"] = ["question": p.index, "of_about": p.estimate]
                out["question"] = d
            }
            if let o = state.outcome {
                out["outcome"] = ["id": o.node.id, "title": o.title, "text": o.text, "services": o.entries.map(\.id),
                                  "entries": o.entries.map { e -> [String: Any] in
                                      var d: [String: Any] = ["id": e.id, "title": e.title, "kind": e.kind.rawValue]
                                      if let v = o.eligibility[e.id] { d["eligibility"] = Output.eligibilityJSON(v) }
                                      return d
                                  }]
            }
            Output.json(out)
            return
        }
        let width = Output.width
        print(flow.title)
        if let q = state.current {
            let p = state.progress
            print("Question \(p.index) of about \(p.estimate): \(q.text)")
            if let h = q.help { for l in Wrap.lines(h, width: width) { print(l) } }
            for (i, o) in q.options.enumerated() { print("  \(i + 1). \(o.label)  (\(o.value))") }
            if q.type == .number { print("  A whole number from \(q.min ?? 0) to \(q.max ?? 25).") }
            if q.type == .postcode { print("  A postcode, like TW9 1AA, or its first part, like TW9.") }
            if q.type == .multi { print("  Choose one or more, separated by commas.") }
            let sofar = answers.map { "--answer \($0)" }.joined(separator: " ")
            print("Answer with: localoffer flow \(flow.id) \(sofar.isEmpty ? "" : sofar + " ")--answer \(q.id)=VALUE")
        } else if let o = state.outcome {
            print("")
            print(o.title)
            for l in Wrap.lines(o.text, width: width) { print(l) }
            if !o.entries.isEmpty { print("") }
            for e in o.entries {
                let v = o.eligibility[e.id]
                print(DisplayWidth.truncate("• \(e.title)  [\(e.id)]", to: width))
                if let v, state.profile.constrainsEligibility {
                    for l in Wrap.indent(EntryText.verdictLine(v), width: width, prefix: "    ") { print(l) }
                }
            }
        }
    }

    func profileJSON(_ p: Profile) -> [String: Any] {
        var d: [String: Any] = ["needs": p.needs.sorted().map(\.rawValue)]
        if let b = p.borough { d["borough"] = b.rawValue }
        if let a = p.age { d["age"] = a }
        if let s = p.status { d["status"] = s.rawValue }
        return d
    }
}
