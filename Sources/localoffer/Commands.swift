import ArgumentParser
import Foundation
import LocalOfferCore
import LocalOfferUI

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search the Local Offer in everyday words.")
    @Argument(help: "What to look for, in any words (\"speech therapy\", \"respite\", \"my son doesn't talk yet\").")
    var query: [String]
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Only entries for this need area.") var need: NeedArea?
    @Option(help: "At most this many results (the text shows 20 unless told; --json gives every one).") var limit: Int?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Say why each result ranks: the words, concepts, synonyms and typo corrections that matched, with their weights.")
    var explain = false

    func run() throws { try Output.words(contentOptions, json: json) { try Output.stream(body) } }

    func body() throws {
        let (content, engine) = try contentOptions.loadWithEngine()
        let q = query.joined(separator: " ")
        let profile = profileOptions.profile
        // A person reads the first screenfuls, not 9,000 results of a region's directory: the text
        // stops at 20 unless told, and says how many more there are. JSON stays whole for programs.
        let shown = limit.map { max(0, $0) } ?? (json ? nil : Search.textLimit)
        let r = engine.search(q, profile: profile, need: need, limit: shown, explain: explain)
        if json {
            Output.json(JSONShape.Search(r, query: q, explain: explain,
                                         help: JSONShape.Help(id: "sendiass", text: noResultsHelp(content))))
            return
        }
        let width = Output.width
        if r.total == 0 {
            say(tr(.cliNothingFoundFor, ["query": Sanitize.oneLine(q)]), width: width)
            if !r.suggestions.isEmpty { say(tr(.cliDidYouMean, ["words": r.suggestions.joined(separator: ", ")]), width: width) }
            for l in Wrap.lines(noResultsHelp(content), width: width) { print(l) }
            return
        }
        if explain {
            var read: [String] = []
            if !r.corrections.isEmpty { read.append(tr(.cliCorrected, ["words": r.corrections.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")])) }
            if !r.concepts.isEmpty { read.append(tr(.cliConcepts, ["words": r.concepts.joined(separator: ", ")])) }
            if let i = r.intent { read.append(tr(.cliQuestion, ["intent": i])) }
            if !r.unknownWords.isEmpty { read.append(tr(.cliNotMatched, ["words": r.unknownWords.joined(separator: ", ")])) }
            if !read.isEmpty { say(read.joined(separator: "; "), width: width, prefix: tr(.cliReadAs), hanging: "  ") }
        }
        let heading = tr(.cliResults, count: r.total, ["query": Sanitize.oneLine(q)])
            + (profile.isEmpty ? "" : tr(.cliForProfile, ["profile": profile.summary])) + tr(.cliListEnd)
        for l in Wrap.lines(heading, width: width) { print(l) }
        if let reason = r.hiddenReason { say("(\(reason))", width: width) }
        for (i, h) in r.hits.enumerated() {
            print("")
            // The id is how `show` is reached: never cut, whatever the width.
            for l in Wrap.tagged(h.entry.title, tag: "[\(h.entry.id)]", width: width, prefix: "\(i + 1). ", hanging: "   ") { print(l) }
            for l in Wrap.indent(h.entry.summary, width: width, prefix: "   ") { print(l) }
            for l in Wrap.indent(content.placeLine(h.entry) ?? tr(.cliBothBoroughs), width: width, prefix: "   ") { print(l) }
            if let e = h.eligibility {
                for l in Wrap.indent(e.line, width: width, prefix: "   ") { print(l) }
            }
            if let x = h.explanation {
                for line in explainLines(x, score: h.score) {
                    for l in Wrap.indent(line, width: width, prefix: "   ") { print(l) }
                }
            }
        }
        if let shown, r.total > shown {
            print("")
            say(tr(.cliMore, count: r.total - shown), width: width)
        }
    }

    static let textLimit = 20

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
        if x.named > 0 { out.append("+ \(Output.rounded(x.named)) in the words: named in the query") }
        for (why, f) in x.factors where f != 1 { out.append("× \(f): \(why)") }
        out.append("Score: \(Output.rounded(score))")
        return out
    }

    func noResultsHelp(_ content: Content) -> String {
        let name = content.entry("sendiass")?.title ?? "SENDIASS"
        return tr(.cliNoResultsHelp, ["name": name])
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one entry: who it is for, how to get it, in each borough.")
    @Argument(help: "The entry's id, e.g. speech-and-language-therapy.") var id: String
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Flag(help: "Print JSON.") var json = false
    // Not --adviser: the top-level command owns that name, and the parser would hand it there.
    @Flag(help: "Add talking points and the statutory basis (for advisers and Parent Champions).") var detail = false

    func run() throws { try Output.words(contentOptions, json: json) { try Output.stream(body) } }

    func body() throws {
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
        let answer = profile.borough.map { EntryAnswer(entry: entry, borough: $0, profile: profile, content: content, detail: detail) }
        if json {
            Output.json(JSONShape.Show(entry, eligibility: e, answer: answer, content: content))
            return
        }
        let width = Output.width
        guard let answer else {
            for l in EntryText.lines(for: entry, in: content, profile: profile, width: width, mode: detail ? .adviser : .family) {
                print(l.text)
            }
            return
        }
        // This family's borough known: the answer first (verdict, how to get it here, how to reach
        // them), the other borough's differences and the rest after.
        for l in Wrap.lines(entry.title, width: width) { print(l) }
        for l in Wrap.lines(entry.summary, width: width) { print(l) }
        let kind = entry.kind == .guide ? tr(.kindGuide) : content.categoryLabel(entry.category)
        let kindLine = tr(.cliKindLine, ["kind": kind, "from": String(entry.ages.lowerBound), "to": String(entry.ages.upperBound),
                                         "place": content.placeLine(entry) ?? tr(.cliBothBoroughsLower)])
        for l in Wrap.lines(kindLine, width: width) { print(l) }
        for section in answer.sections {
            print("")
            for l in Wrap.lines(section.heading, width: width) { print(l) }
            for line in section.lines {
                let hang = String(repeating: " ", count: min(8, DisplayWidth.cells(line.label)))
                let out = line.target.map { Wrap.tagged(line.text, tag: "[\($0)]", width: width, prefix: line.label, hanging: hang) }
                    ?? Wrap.indent(line.text, width: width, prefix: line.label, hanging: hang)
                for l in out { print(l) }
            }
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List entries, A to Z, that match the filters.")
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Only entries for this need area.") var need: NeedArea?
    @Option(help: "Only this kind: service or guide.") var kind: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws { try Output.words(contentOptions, json: json) { try Output.stream(body) } }

    func body() throws {
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
            Output.json(JSONShape.List(results: rows.map { JSONShape.ListRow($0.0, eligibility: $0.1) },
                                       hidden: excluded > 0 ? JSONShape.Hidden(count: excluded, reason: "not for this child (borough, age or status)") : nil))
            return
        }
        let width = Output.width
        say(tr(.cliEntries, count: rows.count) + (profile.isEmpty ? "" : tr(.cliListFor, ["profile": profile.summary]))
            + (excluded > 0 ? tr(.cliListHidden, count: excluded) : "") + tr(.cliListEnd), width: width)
        for (e, v) in rows {
            let mark = v.map { $0.verdict.mark + " " } ?? ""
            for l in Wrap.tagged(e.title, tag: "[\(e.id)]", width: width, prefix: mark) { print(l) }
        }
    }
}

struct Glossary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary", abstract: "What does this word mean? Plain meanings of SEND terms.")
    @Argument(help: "A term or abbreviation (EHCP, SENCO, respite …).") var term: [String] = []
    @OptionGroup var contentOptions: ContentOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws { try Output.words(contentOptions, json: json) { try Output.stream(body) } }

    func body() throws {
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
            Output.json(JSONShape.Glossary(terms))
            return
        }
        for t in terms {
            say(t.term + (t.aliases.isEmpty ? "" : tr(.cliAlso, ["words": t.aliases.joined(separator: ", ")])), hanging: "  ")
            for l in Wrap.indent(t.meaning, width: Output.width, prefix: "  ") { print(l) }
            if !t.see.isEmpty { say(t.see.joined(separator: ", "), prefix: tr(.cliSee), hanging: "  ") }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate all content: FILE:LINE:COL: error: message.")
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

    func run() throws { try Output.words(contentOptions, json: json) { try Output.stream(body) } }

    func body() throws {
        let (content, engine) = try contentOptions.loadWithEngine()
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
        let state = FlowEngine.run(flow, answers: given, content: content, search: engine)
        if json {
            Output.json(JSONShape.Flow(state))
            return
        }
        let width = Output.width
        print(flow.title)
        if let q = state.current {
            let p = state.progress
            say(tr(.cliQuestionOf, ["n": String(p.index), "of": String(p.estimate), "text": q.text]), width: width)
            if let h = q.help { for l in Wrap.lines(h, width: width) { print(l) } }
            for (i, o) in q.options.enumerated() { say("\(o.label)  (\(o.value))", width: width, prefix: "  \(i + 1). ") }
            if q.type == .number { print(tr(.cliNumberHint, ["min": String(q.min ?? 0), "max": String(q.max ?? 25)])) }
            if q.type == .postcode { print(tr(.cliPostcodeHint)) }
            if q.type == .multi { print(tr(.cliMultiHint)) }
            let sofar = answers.map { "--answer \($0)" }.joined(separator: " ")
            print(tr(.cliAnswerWith, ["command": "localoffer flow \(flow.id) \(sofar.isEmpty ? "" : sofar + " ")--answer \(q.id)=VALUE"]))
        } else if let o = state.outcome {
            print("")
            print(o.title)
            for l in Wrap.lines(o.text, width: width) { print(l) }
            if !o.entries.isEmpty { print("") }
            for e in o.entries {
                let v = o.eligibility[e.id]
                for l in Wrap.tagged(e.title, tag: "[\(e.id)]", width: width, prefix: "• ", hanging: "  ") { print(l) }
                if let v, state.profile.constrainsEligibility {
                    for l in Wrap.indent(v.line, width: width, prefix: "    ") { print(l) }
                    if v.verdict == .notEligible, !v.instead.isEmpty {
                        for l in Wrap.indent(v.instead.map(content.title(of:)).joined(separator: "; "), width: width, prefix: tr(.cliInstead)) { print(l) }
                    }
                }
            }
        }
    }
}
