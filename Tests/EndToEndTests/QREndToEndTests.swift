import Foundation
import Testing
import LocalOfferCore
import LocalOfferQR

/// The take-away code through the real binary: `Q` on an entry in an 80×24 tmux pane, the pane
/// captured as text, turned into an image and read by zbarimg, as a phone would read the screen.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux and a built localoffer (swift build)"))
struct QREndToEndTests {
    static let contentDir = Tmux.packageRoot.appendingPathComponent("content")

    /// zbarimg's reading of a captured pane; fails (never skips) when zbarimg is missing.
    static func decode(_ pane: String, in dir: URL, ascii: Bool = false) throws -> String {
        let zbar = try #require(Tmux.which("zbarimg"), "zbarimg not found: apt-get install zbar-tools")
        let lines = pane.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let file = dir.appendingPathComponent("pane.pgm")
        try Data(QRDrawing.pgm(fromScreenLines: lines, scale: ascii ? 2 : 4)).write(to: file)
        // Its stderr apart: zbar's own chatter (a missing D-Bus) is not the code's text.
        let r = Tmux.run(["sh", "-c", "\(Tmux.quote(zbar)) --raw -q \(Tmux.quote(file.path)) 2>/dev/null"])
        #expect(r.status == 0, "zbarimg found no code in:\n\(pane)")
        var text = r.out
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    @Test func qOnAnEntryDrawsItsAddressForAPhone() throws {
        let content = ContentLoader.load(from: Self.contentDir).content
        let entry = try #require(content.entry("portage"))
        let address = try #require(EntryAnswer.address(of: entry, in: .richmond))

        let t = Tmux()
        t.start(["--content", Self.contentDir.path])
        #expect(t.waitFor("What would you like to do?").found)
        t.type("portage")
        #expect(t.waitFor("Portage home visiting").found)
        t.keys("Enter")
        #expect(t.waitFor("Where do you live?").found, "\(t.screen())")
        t.type("r")
        #expect(t.waitFor("How to get it in Richmond upon Thames").found, "\(t.screen())")
        t.type("Q")
        let shown = t.waitFor("Take it away")
        #expect(shown.found, "\(shown.screen)")
        let decoded = try Self.decode(shown.screen, in: t.dir)
        #expect(decoded == address, "\(decoded)\n\(shown.screen)")
        // Esc closes it: back on the entry, as it was.
        t.keys("Escape")
        #expect(t.waitFor("How to get it in Richmond upon Thames").found, "\(t.screen())")
        t.keys("C-c")
        #expect(t.waitForExit() == 0)
    }
}
