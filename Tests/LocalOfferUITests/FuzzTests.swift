import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI


/// Input is data, never an index: whatever is typed, clicked or resized, on any screen and in any
/// mode, nothing crashes and the screen stays whole.
@Suite struct FuzzTests {
    /// A sample of every kind of character: digits of many scripts, marks, emoji sequences,
    /// controls, private use, format characters, the edges of the planes.
    static let characters: [Character] = {
        var scalars: [UInt32] = [
            0x30, 0x39, 0x660, 0x669, 0x6F0, 0x966, 0x96F, 0x9E6, 0xE50, 0xFF10, 0xFF19, 0x24EA, 0x2460, 0x2473, 0xB2, 0xB3, 0xB9,
            0x2070, 0x2089, 0x1D7CE, 0x1D7FF, 0x104A0, 0x1040, 0x17E0, 0x1810, 0xBC, 0x2155, 0x216B, 0x3007, 0x4E00,
            0x301, 0x308, 0x20DD, 0x1AB0, 0x200B, 0x200C, 0x200D, 0x200E, 0x202E, 0x2066, 0xFEFF, 0xAD, 0x34F,
            0x0, 0x1, 0x7, 0x8, 0x9, 0xA, 0xD, 0x1B, 0x7F, 0x80, 0x85, 0x9B, 0x9F, 0x2028, 0x2029,
            0xE000, 0xF8FF, 0xF0000, 0x10FFFD, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x1F600, 0x1F1EC, 0x1F1E7, 0x1F3FD,
            0x41, 0x7A, 0xE9, 0x3B1, 0x416, 0x5D0, 0x627, 0x915, 0xE01, 0x3042, 0xAC00, 0x1100, 0x20, 0xA0, 0x3000,
        ]
        scalars += (0..<64).map { UInt32($0) * 0x441 + 0x100 }  // a spread over the BMP
        var out = scalars.compactMap { Unicode.Scalar($0).map(Character.init) }
        let strings: [String] = ["👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇬🇧", "é", "e\u{301}\u{302}\u{303}", "क्षि", "\r\n"]
        out += strings.flatMap { Array($0) }
        return out
    }()

    static let keys: [Key] = [.up, .down, .left, .right, .enter, .escape, .backspace, .tab, .backTab, .pageUp, .pageDown, .home, .end,
                              .delete, .insert, .altBackspace, .wordLeft, .wordRight, .ctrlHome, .ctrlEnd]
        + (0...64).map { .function($0) } + "abcdefghijklmnopqrstuvwxyz\\]^_@".map { .ctrl($0) } + "abhf0123456789[".map { .alt($0) }

    static func check(_ s: AppState, _ note: @autoclosure () -> String) -> String? {
        let b = s.view()
        if s.session.stack.isEmpty { return "empty stack: \(note())" }
        if let c = b.cursor, c.x < 0 || c.y < 0 || c.x >= b.width || c.y >= b.height { return "cursor \(c) outside \(b.width)x\(b.height): \(note())" }
        if s.fieldText.count > 200 { return "field grew to \(s.fieldText.count): \(note())" }
        if case .entry(let id, let scroll) = s.screen, scroll > max(0, s.numberedEntryLines(id).lines.count - s.entryRows) {
            return "entry scrolled past its end: \(note())"
        }
        if s.session.stack.count > AppState.maxStack { return "stack grew: \(note())" }
        return nil
    }

    @Test(arguments: UsageMode.all)
    func everyCharacterOnEveryScreen(_ mode: UsageMode) {
        var failures: [String] = []
        for ctx in KeyContext.allCases {
            guard var s = UIFixtures.reach(ctx, mode) else { continue }
            let start = s
            for c in Self.characters {
                s = start
                s.update(.text(c))
                if let f = Self.check(s, "\(ctx) typed U+\(String(c.unicodeScalars.first?.value ?? 0, radix: 16))") { failures.append(f) }
                // A non-ASCII digit is never a number: it opens nothing and picks nothing.
                if c.isNumber && c.asciiValue == nil, s.session.stack.count > start.session.stack.count, ctx != .home {
                    failures.append("\(ctx): \(c) opened a screen")
                }
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
    }

    /// Tens of thousands of seeded random keys, characters, clicks, wheels and resizes (24,000 over the five
    /// seeds, each replayable from its seed).
    @Test(arguments: [1, 2, 3, 4, 5])
    func randomStreams(_ seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let modes = UsageMode.all
        var failures: [String] = []
        for round in 0..<8 {
            let mode = modes[Int(rng.next() % UInt64(modes.count))]
            var s = UIFixtures.state(mode, pin: "4321")
            s.update(.tick(0))
            for i in 0..<600 {
                let e: Event
                switch rng.next() % 10 {
                case 0, 1, 2: e = .text(Self.characters[Int(rng.next() % UInt64(Self.characters.count))])
                case 3: e = .text(Character(Unicode.Scalar(UInt8(32 + rng.next() % 95))))
                case 4, 5, 6: e = .key(Self.keys[Int(rng.next() % UInt64(Self.keys.count))])
                case 7: e = .mouse(x: Int(rng.next() % 130) - 5, y: Int(rng.next() % 50) - 5, kind: [.click, .wheelUp, .wheelDown][Int(rng.next() % 3)])
                case 8: e = rng.next() % 4 == 0 ? .resize(width: Int(rng.next() % 200), height: Int(rng.next() % 70)) : .resize(width: 80 + Int(rng.next() % 60), height: 24 + Int(rng.next() % 20))
                default: e = .tick(Double(i) * 0.5)
                }
                s.update(e)
                if s.quit { s = UIFixtures.state(mode, pin: "4321") }
                if let f = Self.check(s, "seed \(seed) round \(round) event \(i) \(e) mode \(mode)") {
                    failures.append(f)
                    break
                }
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
    }

    /// The critical one from the report: a non-ASCII zero on an entry.
    @Test func nonASCIIDigitsOnAnEntryOpenNothing() {
        var s = UIFixtures.reach(.entry)!
        let before = s.session.stack
        for c in "٠०０⓪²³¹₀٣۳੩௩๓" {
            s.update(.text(c))
            #expect(s.session.stack == before)
            _ = s.view()
        }
    }
}
