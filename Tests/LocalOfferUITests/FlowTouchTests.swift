import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// Every guided question answered with clicks alone, on the content that ships: what is clicked is
/// found in the drawn screen (its text), never in the page model, so a target drawn in one place
/// and read in another fails here.
@Suite struct FlowTouchTests {
    static let shippedDir = UIFixtures.testsDir.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content")
    static let loaded = ContentLoader.load(from: shippedDir)
    static let shipped = loaded.content
    static let engine = SearchEngine(content: shipped)

    static func state(width: Int = 80, height: Int = 24, mode: UsageMode = .kiosk) -> AppState {
        var s = AppState(content: shipped, engine: engine, config: AppConfig(mode: mode, theme: .mono, kioskPIN: "2468"))
        s.update(.resize(width: width, height: height))
        return s
    }

    /// Where `label` is drawn (its first cell), searching from the top, or nil.
    static func find(_ label: String, in b: Buffer, below: Int = 0) -> (x: Int, y: Int)? {
        for y in below..<b.height {
            let row = b.row(y)
            if let r = row.range(of: label) { return (DisplayWidth.of(String(row[..<r.lowerBound])), y) }
        }
        return nil
    }

    /// A click in the middle of what `label` draws.
    @discardableResult
    static func tap(_ s: inout AppState, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let b = s.view()
        guard let p = find(label, in: b, below: 2) else {
            Issue.record("'\(label)' is not on screen:\n\(b.text)", sourceLocation: sourceLocation)
            return false
        }
        s.update(.mouse(x: p.x + DisplayWidth.of(label) / 2, y: p.y, kind: .click))
        return true
    }

    /// A click on the answer whose label is `label`, found by its number on the drawn screen (so a
    /// help text naming the same words is not what is touched).
    static func tapOption(_ s: inout AppState, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let q = question(s), let i = q.options.firstIndex(where: { $0.label == label }) else {
            Issue.record("no answer '\(label)' on this question", sourceLocation: sourceLocation)
            return
        }
        let start = String(q.options[i].label.prefix(30))
        let tick = q.type == .multi ? "[ ] " : ""
        tap(&s, "\(i + 1)  \(tick)\(start)", sourceLocation: sourceLocation)
    }

    static func tapKeys(_ s: inout AppState, _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for c in text {
            tap(&s, c == " " ? "[ Space ]" : "[ \(c) ]", sourceLocation: sourceLocation)
        }
    }

    enum Pick { case first, last }

    static func words(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    /// The question on screen, or nil when the flow shows its outcome (or is gone).
    static func question(_ s: AppState) -> FlowNode? {
        guard case .flow(let fs) = s.screen else { return nil }
        return s.flowQuestion(fs).question
    }

    static func outcome(_ s: AppState) -> FlowOutcome? {
        guard case .flow(let fs) = s.screen, s.flowQuestion(fs).question == nil else { return nil }
        return s.flowQuestion(fs).state?.outcome
    }

    /// Answers the question on screen by touch: an option's label, digits and Done, letters and Done.
    static func answer(_ s: inout AppState, _ q: FlowNode, pick: Pick, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        switch q.type {
        case .choice:
            let o = pick == .first ? q.options.first : q.options.last
            if let o { tapOption(&s, o.label, sourceLocation: sourceLocation) }
        case .multi:
            let usable = q.options.filter { !$0.exclusive }
            let o = pick == .first ? (usable.first ?? q.options.first) : q.options.last
            if let o { tapOption(&s, o.label, sourceLocation: sourceLocation) }
            tap(&s, "[ Done ]", sourceLocation: sourceLocation)
        case .number:
            let n = pick == .first ? (q.min ?? 0) : (q.max ?? 25)
            tapKeys(&s, String(n), sourceLocation: sourceLocation)
            tap(&s, "[ Done ]", sourceLocation: sourceLocation)
        case .postcode:
            tapKeys(&s, pick == .first ? "TW9 1" : "KT1", sourceLocation: sourceLocation)
            tap(&s, "[ Done ]", sourceLocation: sourceLocation)
        case .outcome:
            break
        }
    }

    /// Every flow in the shipped content, from its start to an outcome by clicks alone, with the
    /// first answers and with the last; then [ Back ] on the outcome and on every step back out.
    @Test func everyShippedFlowFinishesByTouch() throws {
        #expect(Self.loaded.errors.isEmpty, "the shipped content loads: \(Self.loaded.errors)")
        #expect(Self.shipped.flows.count >= 7, "the shipped flows are found")
        for flow in Self.shipped.flows {
            for pick in [Pick.first, .last] {
                var s = Self.state()
                s.startFlow(flow.id)
                var asked: [String] = []
                for _ in 0..<40 {
                    guard let q = Self.question(s) else { break }
                    let before = s.screen
                    asked.append(q.id)
                    Self.answer(&s, q, pick: pick)
                    #expect(s.screen != before, "\(flow.id) \(pick): touching an answer to '\(q.id)' did nothing:\n\(s.view().text)")
                    if s.screen == before { break }
                }
                let o = try #require(Self.outcome(s), "\(flow.id) \(pick): no outcome after \(asked):\n\(s.view().text)")
                #expect(!o.title.isEmpty)
                // Back from the outcome is the last question asked, its answer kept.
                Self.tap(&s, "[ Back ]")
                let back = try #require(Self.question(s), "\(flow.id): Back on the outcome")
                #expect(back.id == asked.last, "\(flow.id): Back went to \(back.id), not \(asked.last ?? "")")
                // Back on every step, all the way out of the flow.
                for _ in 0..<asked.count + 1 {
                    guard Self.question(s) != nil else { break }
                    Self.tap(&s, "[ Back ]")
                }
                if case .flow = s.screen { Issue.record("\(flow.id): Back on every step did not leave the flow") }
            }
        }
    }

    /// Walks find-support by touch with a postcode typed on the keypad.
    func walkWithPostcode(_ postcode: String, councilTax: String?) throws -> AppState {
        var s = Self.state()
        s.startFlow("find-support")
        Self.tapOption(&s, "I'm not sure / another council")
        #expect(Self.question(s)?.type == .postcode)
        // The keypad's letters type; they show in the answer box as typed.
        Self.tapKeys(&s, postcode)
        guard case .flow(let fs) = s.screen else { throw FlowError("no flow") }
        #expect(fs.input == postcode.uppercased())
        Self.tap(&s, "[ Done ]")
        if let councilTax {
            #expect(Self.question(s)?.id == "council-tax", "a shared district asks the council tax question:\n\(s.view().text)")
            let v = s.view()
            #expect(v.contains("council tax bill;"), "its help is shown whole:\n\(v.text)")
            Self.tapOption(&s, councilTax)
        }
        #expect(Self.question(s)?.id == "age", "\(postcode): \(s.view().text)")
        Self.tapKeys(&s, "4")
        Self.tap(&s, "[ Done ]")
        Self.tapOption(&s, "Nothing formal yet")
        Self.tapOption(&s, "Talking and understanding others")
        Self.tap(&s, "[ Done ]")
        #expect(Self.outcome(s) != nil, "\(postcode): \(s.view().text)")
        return s
    }

    @Test func kt34TappedEndsInKingstonByTheCouncilTaxQuestion() throws {
        let s = try walkWithPostcode("KT3 4", councilTax: "Kingston upon Thames")
        #expect(s.session.profile.borough == .kingston)
        #expect(s.session.profile.age == 4)
    }

    @Test func tw91TappedEndsInRichmond() throws {
        let s = try walkWithPostcode("TW9 1", councilTax: nil)
        #expect(s.session.profile.borough == .richmond)
    }

    /// Delete takes back the last key; Done on an empty box says why and stays.
    @Test func deleteAndDoneOnTheNumberPad() throws {
        var s = Self.state()
        s.startFlow("find-support")
        Self.tapOption(&s, "Kingston upon Thames")
        #expect(Self.question(s)?.id == "age")
        Self.tapKeys(&s, "47")
        Self.tap(&s, "[ Delete ]")
        guard case .flow(let fs) = s.screen else { Issue.record("no flow"); return }
        #expect(fs.input == "4")
        Self.tap(&s, "[ Delete ]")
        Self.tap(&s, "[ Done ]")
        #expect(Self.question(s)?.id == "age", "an empty age is not an answer")
        guard case .flow(let empty) = s.screen else { Issue.record("no flow"); return }
        #expect(empty.error != nil)
        // Done on ticks with none ticked says so and stays.
        Self.tapKeys(&s, "9")
        Self.tap(&s, "[ Done ]")
        Self.tapOption(&s, "An EHC plan")
        #expect(Self.question(s)?.id == "needs")
        Self.tap(&s, "[ Done ]")
        #expect(Self.question(s)?.id == "needs")
        #expect(s.view().contains("Tick at least one answer"))
    }

    /// The help that explains SEN Support and an EHC plan, and the council tax bill, is shown
    /// whole at 80×24 and wider, never cut to one line; a question longer than its room scrolls.
    @Test(arguments: [80, 100, 132])
    func helpTextIsReadWhole(_ width: Int) throws {
        let flow = try #require(Self.shipped.flow("find-support"))
        for id in ["status", "council-tax"] {
            let node = try #require(flow.node(id))
            var s = Self.state(width: width)
            s.startFlow("find-support")
            guard case .flow(var fs) = s.screen else { Issue.record("no flow"); return }
            fs.editing = id
            s.screen = .flow(fs)
            let shown = Self.words(s.view().text)
            let help = Self.words(try #require(node.help))
            #expect(shown.contains(help), "\(id) at \(width): the help is not whole:\n\(s.view().text)")
        }
    }

    @Test func aLongQuestionScrollsAndItsAnswersStayTouchable() throws {
        let words = (1...160).map { "word\($0)" }.joined(separator: " ")
        let flow = Flow(id: "long", title: "Long", start: "q", nodes: [
            FlowNode(id: "q", type: .choice, text: "Which one?", help: words,
                     options: [FlowOption(value: "a", label: "Answer alpha"), FlowOption(value: "b", label: "Answer beta")],
                     next: [FlowRule(goto: "end")]),
            FlowNode(id: "end", type: .outcome, text: "Done.", title: "The end"),
        ])
        var s = AppState(content: Content(entries: [], flows: [flow]), config: AppConfig(theme: .mono))
        s.update(.resize(width: 80, height: 24))
        s.startFlow("long")
        let first = s.view()
        #expect(first.contains("word1 "))
        #expect(!first.contains("Answer beta"), "the answers are below the long help")
        #expect(first.contains("the wheel or PgDn for more"))
        for _ in 0..<10 { s.update(.mouse(x: 10, y: 8, kind: .wheelDown)) }
        let later = s.view()
        #expect(later.contains("word160"), "scrolled to the end of the help:\n\(later.text)")
        Self.tapOption(&s, "Answer beta")
        guard case .flow(let fs) = s.screen else { Issue.record("no flow"); return }
        #expect(fs.answers["q"] == .choice("b"))
        // Down from the first answer keeps the chosen one on screen, from the top.
        var k = AppState(content: Content(entries: [], flows: [flow]), config: AppConfig(theme: .mono))
        k.update(.resize(width: 80, height: 24))
        k.startFlow("long")
        k.update(.key(.down))
        #expect(k.view().contains("Answer beta"))
    }

    /// The buttons fit inside 80×24 with the question, its help and every answer readable.
    @Test func everyQuestionFitsAt80x24WithItsButtons() {
        for flow in Self.shipped.flows {
            for node in flow.nodes where !node.isOutcome {
                var s = Self.state()
                s.startFlow(flow.id)
                guard case .flow(var fs) = s.screen else { continue }
                fs.editing = node.id
                s.screen = .flow(fs)
                let b = s.view()
                let pad: [String]
                switch node.type {
                case .number: pad = ["[ 0 ]", "[ 9 ]", "[ Delete ]", "[ Done ]", "[ Back ]"]
                case .postcode: pad = ["[ A ]", "[ Z ]", "[ 0 ]", "[ Space ]", "[ Delete ]", "[ Done ]", "[ Back ]"]
                case .multi: pad = ["[ Done ]", "[ Back ]"]
                default: pad = ["[ Back ]"]
                }
                for p in pad { #expect(Self.find(p, in: b, below: 2) != nil, "\(flow.id)/\(node.id): \(p) missing:\n\(b.text)") }
                // Read as a person reads wrapped lines: one space where a line breaks.
                let shown = Self.words(b.text)
                for o in node.options { #expect(shown.contains(Self.words(o.label)), "\(flow.id)/\(node.id): '\(o.label)' not whole:\n\(b.text)") }
                #expect(shown.contains(Self.words(node.text)), "\(flow.id)/\(node.id): question cut:\n\(b.text)")
                if let h = node.help { #expect(shown.contains(Self.words(h)), "\(flow.id)/\(node.id): help cut:\n\(b.text)") }
            }
        }
    }
}

/// Outcome pages on screen, ranked by the UI's own search engine: what the child can use first.
@Suite struct FlowOutcomeScreenTests {
    /// The outcome page after answering find-support by keys (the answers by their numbers).
    static func outcome(borough: String, age: Int, status: String, need: String) throws -> AppState {
        var s = FlowTouchTests.state(mode: .family)
        s.startFlow("find-support")
        let flow = try #require(s.content.flow("find-support"))
        func number(_ node: String, _ value: String) throws -> String {
            let i = try #require(flow.node(node)?.options.firstIndex { $0.value == value }, "\(node)=\(value)")
            return String(i + 1)
        }
        s.type(try number("borough", borough))
        s.type(String(age))
        s.keys(.enter)
        s.type(try number("status", status))
        s.type(try number("needs", need))
        s.keys(.enter)
        #expect(FlowTouchTests.outcome(s) != nil, "\(s.view().text)")
        return s
    }

    /// The services on the page in order, the first `OutcomePage.shortList` of them.
    static func shown(_ s: AppState) throws -> [String] {
        guard case .flow(let fs) = s.screen else { throw FlowError("no flow") }
        let (state, _) = s.flowQuestion(fs)
        let st = try #require(state)
        let page = s.outcomePage(try #require(st.outcome), state: st)
        return page.items.compactMap { if case .entry(let id) = $0 { return id } else { return nil } }
    }

    @Test func aKingstonFourYearOldWithTalkingNeedsSeesSpeechAndLanguageTherapy() throws {
        for status in ["none", "sen-support", "ehcp", "not-sure"] {
            let s = try Self.outcome(borough: "kingston", age: 4, status: status, need: "talking")
            let ids = try Self.shown(s)
            #expect(ids.count <= OutcomePage.shortList)
            #expect(ids.contains("speech-and-language-therapy"), "\(status): SLT not among the \(ids.count) shown: \(ids)")
            guard case .flow(let fs) = s.screen, let o = s.flowQuestion(fs).state?.outcome else { continue }
            if let portage = ids.firstIndex(of: "portage"), o.eligibility["portage"]?.verdict == .notEligible {
                #expect(!ids[portage...].contains { o.eligibility[$0]?.verdict != .notEligible },
                        "\(status): Portage, not for this child, above a service the child can use: \(ids)")
            }
            // Read down the page, the service is there by name with its verdict in words.
            var page = s
            var seen = FlowTouchTests.words(page.view().text)
            let title = try #require(page.content.entry("speech-and-language-therapy")?.title)
            for _ in 0..<30 where !seen.contains(title) {
                page.keys(.down)
                seen += " " + FlowTouchTests.words(page.view().text)
            }
            #expect(seen.contains(title), "\(status): '\(title)' not on the page")
        }
    }

    @Test func aRichmondFamilyWithAPlanSeesDysartAsCheckWithItsRoute() throws {
        var s = try Self.outcome(borough: "richmond", age: 7, status: "ehcp", need: "learning")
        let ids = try Self.shown(s)
        guard case .flow(let fs) = s.screen, let o = s.flowQuestion(fs).state?.outcome else { Issue.record("no outcome"); return }
        let v = try #require(o.eligibility["dysart-school"], "dysart listed: \(o.entries.map(\.id))")
        #expect(v.verdict == .check)
        let at = try #require(o.entries.firstIndex { $0.id == "dysart-school" })
        #expect(!ids.contains("dysart-school") || ids.firstIndex(of: "dysart-school") == at)
        // Listed after the best 8: "See all" (touched), then the school, opened: its verdict for
        // this child is "check", and the way in (through the EHC plan) is said whole.
        for _ in 0..<20 where !s.view().contains("See all") { s.update(.mouse(x: 10, y: 10, kind: .wheelDown)) }
        FlowTouchTests.tap(&s, "See all")
        guard case .list(_, let listed, _) = s.screen else { Issue.record("See all did not open the list: \(s.view().text)"); return }
        #expect(listed == o.entries.map(\.id))
        for _ in 0..<at { s.keys(.down) }
        s.keys(.enter)
        #expect(s.screen == .entry(id: "dysart-school", scroll: 0))
        let page = FlowTouchTests.words(s.view().text)
        #expect(page.contains("? check") || page.contains(v.badge), "the verdict in words:\n\(s.view().text)")
        #expect(page.contains(String(FlowTouchTests.words(v.reason).prefix(60))), "the route:\n\(s.view().text)")
        #expect(v.reason.hasPrefix("Dysart is a special school"))
    }
}
