import Testing
@testable import LocalOfferUI

@Suite struct BufferTests {
    @Test func putsAndClips() {
        var b = Buffer(width: 10, height: 2)
        let end = b.put("Hello, world", x: 0, y: 0)
        #expect(end == 10)
        #expect(b.row(0) == "Hello, wor")
        b.put("hi", x: 8, y: 1)
        #expect(b.row(1) == "        hi")
        b.put("off", x: 0, y: 5)  // outside: ignored, not a crash
    }

    @Test func wideCharactersTakeTwoCells() {
        var b = Buffer(width: 6, height: 1)
        b.put("日本", x: 0, y: 0)
        #expect(b[0, 0].char == "日")
        #expect(b[1, 0].continuation)
        #expect(b.row(0) == "日本  ")
        // Overwriting the right half blanks the left half too.
        b.put("x", x: 1, y: 0)
        #expect(b[0, 0].char == " ")
        #expect(b.row(0) == " x本  ")
        // A wide character that would straddle the edge is not drawn.
        var c = Buffer(width: 3, height: 1)
        c.put("ab日", x: 0, y: 0)
        #expect(c.row(0) == "ab ")
    }

    @Test func widthAgreesWithTheCLibrary() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("日") == 2)
        #expect(DisplayWidth.of("✓") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)  // combining accent
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
    }

    @Test func diffHasOnlyChangedCells() {
        var a = Buffer(width: 10, height: 3)
        a.put("same", x: 0, y: 0)
        var b = a
        b.put("X", x: 5, y: 2)
        #expect(b.changes(from: a).count == 1)
        #expect(b.changes(from: nil).count == 30)
        #expect(b.changes(from: Buffer(width: 5, height: 3)).count == 30)
    }

    @Test func wrapsByWidth() {
        #expect(Wrap.lines("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(Wrap.lines("https://example.org/a-very-long-address", width: 10).allSatisfy { DisplayWidth.of($0) <= 10 })
    }
}
