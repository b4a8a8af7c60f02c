import Foundation
import Testing
import LocalOfferQR

@Suite struct QRCodeTests {
    // MARK: Versions and refusal

    @Test func smallestVersionAtLevelL() throws {
        // Version 1-L holds 17 bytes in 8-bit mode, version 2-L 32 (ISO/IEC 18004 table 7); at
        // level M they would be 14 and 26, so these sizes also show the level.
        #expect(QRCode(text: String(repeating: "a", count: 17))?.size == 21)
        #expect(QRCode(text: String(repeating: "a", count: 18))?.size == 25)
        #expect(QRCode(text: String(repeating: "a", count: 32))?.size == 25)
        #expect(QRCode(text: String(repeating: "a", count: 33))?.size == 29)
        // Version 6-L, 134 bytes: the largest that fits a half-block drawing at 80×24.
        #expect(QRCode(text: String(repeating: "a", count: 134))?.size == 41)
        #expect(QRCode(text: String(repeating: "a", count: 135))?.size == 45)
        #expect(QRCode(text: "a")?.version == 1)
    }

    @Test func refusesWhatVersion40CannotHold() {
        #expect(QRCode(text: String(repeating: "x", count: QRCode.maxBytes))?.size == 177)
        #expect(QRCode(text: String(repeating: "x", count: QRCode.maxBytes + 1)) == nil)
        // Counted in UTF-8 bytes, not characters: "é" is two.
        #expect(QRCode(text: String(repeating: "é", count: QRCode.maxBytes / 2)) != nil)
        #expect(QRCode(text: String(repeating: "é", count: QRCode.maxBytes / 2 + 1)) == nil)
        #expect(QRCode(text: String(repeating: "x", count: 1_000_000)) == nil)
        #expect(QRCode(text: "") == nil)
    }

    @Test func refusesMoreModulesThanAllowed() {
        let text = String(repeating: "a", count: 18)  // version 2, 25 modules
        #expect(QRCode(text: text, maxModules: 25)?.size == 25)
        #expect(QRCode(text: text, maxModules: 24) == nil)
        #expect(QRCode(text: "a", maxModules: 20) == nil)
        #expect(QRCode(text: "a", maxModules: 0) == nil)
        #expect(QRCode(text: "a", maxModules: -5) == nil)
        #expect(QRCode(text: "a", maxModules: Int.max)?.size == 21)
    }

    @Test func nulBytesAndControlCharactersAreData() throws {
        let withNul = "before\u{0}after"
        let code = try #require(QRCode(text: withNul))
        // NUL counts as a byte: 12 bytes, version 1.
        #expect(code.size == 21)
        #expect(QRCode(text: "\u{0}") != nil)
        #expect(QRCode(text: "\u{1B}[2J\u{7}") != nil)
    }

    @Test func arbitraryTextNeverCrashes() {
        // Random bytes made into (repaired) UTF-8, any length up to past the limit: every one
        // either encodes within 177 modules or is refused.
        var rng = SplitMix(seed: 18)
        for _ in 0..<300 {
            let count = Int(rng.next() % 3200)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let text = String(decoding: bytes, as: UTF8.self)
            if let code = QRCode(text: text) {
                #expect(text.utf8.count <= QRCode.maxBytes)
                #expect((21...177).contains(code.size) && (code.size - 17) % 4 == 0)
            } else {
                #expect(text.utf8.count > QRCode.maxBytes || text.isEmpty)
            }
        }
    }

    @Test func encodesTheSameFromManyThreadsAtOnce() async throws {
        let texts = (0..<64).map { "https://kr.afcinfo.org.uk/pages/local-offer/\($0)/" + String(repeating: "p", count: $0 * 7) }
        let serial = texts.map { QRCode(text: $0).map { QRDrawing.asciiLines($0) } }
        let parallel = await withTaskGroup(of: (Int, [String]?).self) { group in
            for (i, text) in texts.enumerated() {
                group.addTask { (i, QRCode(text: text).map { QRDrawing.asciiLines($0) }) }
            }
            var out = [[String]?](repeating: nil, count: texts.count)
            for await (i, lines) in group { out[i] = lines }
            return out
        }
        #expect(serial.allSatisfy { $0 != nil })
        #expect(parallel == serial)
    }

    @Test func isDarkIsLightOutsideTheSymbol() throws {
        let code = try #require(QRCode(text: "a"))
        for (x, y) in [(-1, 0), (0, -1), (21, 0), (0, 21), (Int.min, Int.min), (Int.max, Int.max)] {
            #expect(!code.isDark(x: x, y: y))
        }
        // The finder pattern: the top-left corner module and its ring are dark, the gap light.
        #expect(code.isDark(x: 0, y: 0) && code.isDark(x: 6, y: 6) && code.isDark(x: 3, y: 3))
        #expect(!code.isDark(x: 1, y: 1) && !code.isDark(x: 7, y: 7))
    }

    // MARK: Drawings

    @Test func drawingSizes() throws {
        let v1 = try #require(QRCode(text: "a"))  // 21 modules
        #expect(QRDrawing.halfBlockSize(v1) == (columns: 25, rows: 13))
        #expect(QRDrawing.asciiSize(v1) == (columns: 50, rows: 25))
        #expect(QRDrawing.halfBlockSize(v1, quietZone: 0) == (columns: 21, rows: 11))
        #expect(QRDrawing.halfBlockSize(v1, quietZone: 4) == (columns: 29, rows: 15))
        // Out-of-range quiet zones are clamped, not trusted.
        #expect(QRDrawing.halfBlockSize(v1, quietZone: -3) == QRDrawing.halfBlockSize(v1, quietZone: 0))
        #expect(QRDrawing.asciiSize(v1, quietZone: Int.max) == QRDrawing.asciiSize(v1, quietZone: QRDrawing.maxQuietZone))

        for text in ["a", String(repeating: "b", count: 100), String(repeating: "c", count: 2000)] {
            let code = try #require(QRCode(text: text))
            for q in [0, 1, 2, 4] {
                let half = QRDrawing.halfBlockLines(code, quietZone: q)
                let size = QRDrawing.halfBlockSize(code, quietZone: q)
                #expect(half.count == size.rows)
                #expect(half.allSatisfy { $0.count == size.columns && $0.unicodeScalars.count == size.columns })
                let ascii = QRDrawing.asciiLines(code, quietZone: q)
                let asciiSize = QRDrawing.asciiSize(code, quietZone: q)
                #expect(ascii.count == asciiSize.rows)
                #expect(ascii.allSatisfy { $0.count == asciiSize.columns })
            }
        }
    }

    @Test func drawingsShowEveryModuleAndAQuietZone() throws {
        let code = try #require(QRCode(text: "https://kr.afcinfo.org.uk/pages/local-offer"))
        let q = 2
        let side = code.size + 2 * q
        let half = QRDrawing.halfBlockLines(code, quietZone: q).map(Array.init)
        let ascii = QRDrawing.asciiLines(code, quietZone: q).map(Array.init)
        for y in 0..<side {
            for x in 0..<side {
                let dark = code.isDark(x: x - q, y: y - q)
                if x < q || y < q || x >= side - q || y >= side - q { #expect(!dark) }
                let cell = half[y / 2][x]
                let inkTop = cell == "█" || cell == "▀"
                let inkBottom = cell == "█" || cell == "▄"
                #expect((y % 2 == 0 ? inkTop : inkBottom) == dark, "half-block at \(x),\(y)")
                #expect(["█", "▀", "▄", " "].contains(cell))
                #expect(String(ascii[y][(2 * x)...(2 * x + 1)]) == (dark ? "##" : "  "), "ASCII at \(x),\(y)")
            }
        }
    }

    @Test func pgmHeaderAndPixels() throws {
        // One full block, one top half, one bottom half, one "#", one letter: scale 2.
        let image = QRDrawing.pgm(fromScreenLines: ["█▀▄#a"], scale: 2)
        let header = Array("P5\n10 4\n255\n".utf8)
        #expect(Array(image.prefix(header.count)) == header)
        let pixels = Array(image.dropFirst(header.count))
        #expect(pixels.count == 40)
        let expected: [[UInt8]] = [
            [0, 0, 0, 0, 255, 255, 0, 0, 255, 255],
            [0, 0, 0, 0, 255, 255, 0, 0, 255, 255],
            [0, 0, 255, 255, 0, 0, 0, 0, 255, 255],
            [0, 0, 255, 255, 0, 0, 0, 0, 255, 255],
        ]
        #expect(pixels == expected.flatMap { $0 })
    }

    @Test func pgmIsBounded() {
        // Nothing in, a valid image out.
        #expect(QRDrawing.pgm(fromScreenLines: []) == Array("P5\n4 8\n255\n".utf8) + [UInt8](repeating: 255, count: 32))
        // Short lines are padded with light; the widest line sets the width.
        let ragged = QRDrawing.pgm(fromScreenLines: ["#", "###"], scale: 1)
        #expect(ragged == Array("P5\n3 4\n255\n".utf8) + [0, 255, 255, 0, 255, 255, 0, 0, 0, 0, 0, 0])
        // Huge screens and scales stay within the pixel bound.
        let huge = QRDrawing.pgm(fromScreenLines: Array(repeating: String(repeating: "█", count: 600), count: 600), scale: 1000)
        #expect(huge.count <= QRDrawing.maxPixels + 32)
        #expect(QRDrawing.pgm(fromScreenLines: ["#"], scale: -7) == Array("P5\n1 2\n255\n".utf8) + [0, 0])
    }
}

/// A small deterministic generator, so a failure can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
