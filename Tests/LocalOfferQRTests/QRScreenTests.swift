import Foundation
import Testing
import LocalOfferQR
@testable import LocalOfferCore
@testable import LocalOfferUI

/// The QR screen as a phone sees it: the cells on screen, rendered to an image and decoded with
/// zbarimg, compared with what the code must hold (an entry's address; a list's text).
@Suite struct QRScreenTests {
    static let shipped: LocalOfferCore.Content = ContentLoader.load(from: Content.root.appendingPathComponent("content")).content
    static let fixtures: LocalOfferCore.Content = ContentLoader.load(
        from: Content.root.appendingPathComponent("Tests/LocalOfferCoreTests/Fixtures/good")).content

    static func state(_ content: LocalOfferCore.Content, width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode,
                      blocks: Bool = true, profile: Profile = Profile(), mode: UsageMode = .family) -> AppState {
        var config = AppConfig(mode: mode, theme: .standard)
        config.glyphs = glyphs
        config.blocks = blocks
        var s = AppState(content: content, config: config)
        _ = s.update(.resize(width: width, height: height))
        s.session.profile = profile
        return s
    }

    /// The screen's cells, as a capture gives them, decoded.
    static func decode(_ b: Buffer, ascii: Bool = false) throws -> String {
        let rows = (0..<b.height).map { b.row($0) }
        return try Zbar.decode(pgm: QRDrawing.pgm(fromScreenLines: rows, scale: ascii ? 2 : 4))
    }

    /// The words on screen, as one line: the code's cells dropped, wrapped lines joined.
    static func words(_ b: Buffer) -> String {
        (0..<b.height).map { b.row($0).drop { " █▀▄#".contains($0) }.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func openEntry(_ s: inout AppState, _ id: String) {
        s.push(.entry(id: id, scroll: 0))
        s.refreshPages()
    }

    @Test func everyEntrysCodeDecodesToItsAddress() throws {
        let services = Self.shipped.entries.filter { $0.kind == .service }
        #expect(services.count >= 100)
        var fitted = 0
        var failures: [String] = []
        for e in services {
            let profile = Profile(borough: .kingston, age: 8, status: .senSupport)
            guard let address = EntryAnswer.address(of: e, in: .kingston) else { failures.append("\(e.id): no address"); continue }
            var s = Self.state(Self.shipped, profile: profile)
            Self.openEntry(&s, e.id)
            _ = s.update(.text("Q"))
            guard case .qr = s.screen else { failures.append("\(e.id): Q did not open the code"); continue }
            var screen = s.view()
            if Self.words(screen).contains("This window is too small") {
                // Said, with what to do; a bigger window then holds it.
                #expect(Self.words(screen).contains("Make the window bigger"))
                // One entry's address cannot be shortened: it is given in words to copy.
                #expect(Self.words(screen).replacingOccurrences(of: " ", with: "").contains(address), "\(e.id): the address in words")
                _ = s.update(.resize(width: 120, height: 40))
                screen = s.view()
            } else {
                fitted += 1
                #expect(Self.words(screen).contains("The code holds the address of this page"), "\(e.id): says what it holds")
            }
            let decoded = try Self.decode(screen)
            if decoded != address { failures.append("\(e.id): decoded \(decoded), address \(address)") }
        }
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
        // Most addresses fit 80×24 (the header gives way to the code).
        #expect(fitted * 3 >= services.count * 2, "only \(fitted) of \(services.count) fit 80×24")
    }

    @Test func shortlistsCodeDecodesToItsText() throws {
        let ids = ["portage", "wheelchair-service", "speech-and-language-therapy"].filter { Self.shipped.entry($0) != nil }
        #expect(ids.count == 3)
        var s = Self.state(Self.shipped, width: 160, height: 60, profile: Profile(borough: .richmond))
        s.session.myList = ids
        s.push(.list(title: "My list", ids: ids, selection: 0))
        _ = s.update(.text("Q"))
        let screen = s.view()
        let expected = TakeawayFile.scanText(content: Self.shipped, list: ids, borough: .richmond, detail: .full)
        let decoded = try Self.decode(screen)
        #expect(decoded == expected, "decoded:\n\(decoded)\nexpected:\n\(expected)\n\(screen.text)")
        #expect(Self.words(screen).contains("names, phone numbers and web addresses"))
        // The text names every entry and carries their phones.
        for id in ids { #expect(expected.contains(Self.shipped.title(of: id))) }

        // At 80×24 the list is too long with its addresses: the shorter text, said so, or what to do.
        _ = s.update(.resize(width: 80, height: 24))
        let small = s.view()
        if Self.words(small).contains("too small for the code") {
            #expect(Self.words(small).contains("open one entry and press Q"))
        } else {
            let short = TakeawayFile.scanText(content: Self.shipped, list: ids, borough: .richmond, detail: .phones)
            #expect(try Self.decode(small) == short)
            #expect(Self.words(small).contains("make the window bigger"))
        }
    }

    @Test func flowOutcomesCodeHoldsWhatTheChildCanUse() throws {
        var s = Self.state(Self.fixtures, width: 160, height: 60)
        // The same way the key table's tests reach an outcome.
        _ = s.update(.key(.alt("7")))
        _ = s.update(.key(.enter))
        _ = s.update(.text("2"))
        _ = s.update(.text("7"))
        _ = s.update(.key(.enter))
        _ = s.update(.text(" "))
        _ = s.update(.key(.enter))
        guard case .flow(let fs) = s.screen, let state = s.flowQuestion(fs).state, let o = state.outcome else {
            Issue.record("no outcome: \(s.screen)"); return
        }
        let usable = o.entries.filter { o.eligibility[$0.id]?.verdict != .notEligible }.prefix(OutcomePage.shortList).map(\.id)
        #expect(!usable.isEmpty)
        _ = s.update(.text("Q"))
        guard case .qr(let r) = s.screen else { Issue.record("Q did not open the code: \(s.screen)"); return }
        #expect(r.kind == .outcome)
        let expected = TakeawayFile.scanText(content: Self.fixtures, list: Array(usable), borough: state.profile.borough, detail: .full,
                                             title: "Services for your child: " + o.title)
        #expect(try Self.decode(s.view()) == expected)
        #expect(Self.words(s.view()).contains("services your child can use"))
    }

    /// The Linux console (TERM=linux) has ASCII chrome but its font has the block elements: the code
    /// is half blocks and fits 80×24 there, as on any other kiosk screen.
    @Test func theLinuxConsoleDrawsTheCodeInBlocksAt80x24() throws {
        let id = "portage"
        let address = try #require(Self.shipped.entry(id).flatMap { EntryAnswer.address(of: $0, in: .richmond) })
        var s = Self.state(Self.shipped, glyphs: .ascii, blocks: true, profile: Profile(borough: .richmond), mode: .kiosk)
        Self.openEntry(&s, id)
        _ = s.update(.text("Q"))
        #expect(try Self.decode(s.view()) == address)
    }

    /// `--ascii`: a terminal that draws no block gets `##` modules, and is told when that is too big.
    @Test func asciiDrawingDecodesWithoutBlocks() throws {
        let id = "portage"
        let address = try #require(Self.shipped.entry(id).flatMap { EntryAnswer.address(of: $0, in: .richmond) })
        var s = Self.state(Self.shipped, width: 200, height: 70, glyphs: .ascii, blocks: false, profile: Profile(borough: .richmond))
        Self.openEntry(&s, id)
        _ = s.update(.text("Q"))
        let screen = s.view()
        #expect(screen.contains("##"))
        #expect(!screen.contains("█") && !screen.contains("▀") && !screen.contains("▄"))
        #expect(try Self.decode(screen, ascii: true) == address)
        // At 80×24 an ASCII code does not fit: it says so, with the size it needs.
        _ = s.update(.resize(width: 80, height: 24))
        #expect(Self.words(s.view()).contains("This window is too small"))
    }

    @Test func touchTargetOpensAndATouchOrEscCloses() throws {
        var s = Self.state(Self.shipped, profile: Profile(borough: .kingston))
        Self.openEntry(&s, "portage")
        let row = s.view().row(22)
        let target = try #require(row.range(of: "[ Q code to take away ]"))
        let x = row.distance(from: row.startIndex, to: target.lowerBound) + 2
        _ = s.update(.mouse(x: x, y: 22, kind: .click))
        guard case .qr = s.screen else { Issue.record("the target did not open the code"); return }
        _ = s.update(.mouse(x: 10, y: 10, kind: .click))
        #expect(s.screen == .entry(id: "portage", scroll: 0))
        _ = s.update(.text("Q"))
        _ = s.update(.key(.escape))
        #expect(s.screen == .entry(id: "portage", scroll: 0))
        // The key is in the key table (help), and no effect asks the front end to write anything.
        s.push(.help(scroll: 0))
        #expect(s.helpLines().map(\.text).joined(separator: "\n").contains("Take it away"))
    }

    @Test func inAKioskTheCodeWritesNothingAndTheBackTargetCloses() {
        var s = Self.state(Self.shipped, mode: .kiosk)
        s.session.profile = Profile(borough: .richmond)
        Self.openEntry(&s, "portage")
        #expect(s.update(.text("Q")) == .none)
        guard case .qr = s.screen else { Issue.record("no code"); return }
        // [ Back ] on the bottom line.
        _ = s.update(.mouse(x: AppState.kioskStartWidth + 2, y: 23, kind: .click))
        #expect(s.screen == .entry(id: "portage", scroll: 0))
    }

    @Test func emptyListHasNoCode() {
        var s = Self.state(Self.shipped)
        s.push(.list(title: "My list", ids: [], selection: 0))
        _ = s.update(.text("Q"))
        if case .qr = s.screen { Issue.record("a code of nothing") }
    }
}
