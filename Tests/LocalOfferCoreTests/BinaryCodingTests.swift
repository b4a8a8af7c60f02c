import Foundation
import Testing
@testable import LocalOfferCore

/// The snapshot's binary form: every value the model codes comes back equal, and damaged bytes are
/// an error, never a crash.
@Suite struct BinaryCodingTests {
    struct Sample: Codable, Equatable {
        enum Shape: Codable, Equatable {
            case dot
            case range(min: Int?, max: Int?)
            case names([String])
        }
        var text: String
        var empty: String
        var unicode: String
        var small: Int8
        var big: Int64
        var negative: Int
        var unsigned: UInt64
        var flag: Bool
        var ratio: Double
        var single: Float
        var missing: String?
        var present: Int?
        var list: [Int]
        var nested: [[String]]
        var map: [String: Int]
        var boroughs: [Borough: String]
        var ages: ClosedRange<Int>
        var shapes: [Shape]
        var optionalList: [String?]
    }

    static let sample = Sample(text: "speech and language", empty: "", unicode: "Café — ✓ ✗ 日本", small: -128, big: .min,
                               negative: -1, unsigned: .max, flag: true, ratio: -0.125, single: 3.5, missing: nil,
                               present: 0, list: [0, 1, -1, 300, Int.max], nested: [[], ["a"], ["b", "c"]],
                               map: ["one": 1, "two": 2], boroughs: [.richmond: "R", .kingston: "K"], ages: 0...25,
                               shapes: [.dot, .range(min: 5, max: nil), .names(["x"])], optionalList: ["a", nil, "b"])

    func decode<T: Decodable>(_ t: T.Type, _ bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { try BinaryCoding.decode(t, from: $0) }
    }

    @Test func everyKindOfValueRoundTrips() throws {
        let bytes = try BinaryCoding.encode(Self.sample)
        #expect(try decode(Sample.self, bytes) == Self.sample)
    }

    @Test func theShippedContentRoundTrips() throws {
        let c = Fixtures.shippedResult.content
        let bytes = try BinaryCoding.encode(ContentSnapshot.Payload(c))
        let back = try decode(ContentSnapshot.Payload.self, bytes).content(root: Fixtures.shipped)
        #expect(back.entries == c.entries && back.flows == c.flows && back.glossary == c.glossary)
        #expect(back.concepts.map(\.id) == c.concepts.map(\.id) && back.intents == c.intents && back.coverage == c.coverage)
        // Smaller than the JSON it replaced.
        #expect(bytes.count < (try JSONEncoder().encode(ContentSnapshot.Payload(c))).count)
    }

    @Test func aMissingFieldOrWrongTypeIsAnError() throws {
        struct Small: Codable { var text: String }
        struct Other: Codable { var other: Int }
        let bytes = try BinaryCoding.encode(Small(text: "x"))
        #expect(throws: (any Error).self) { try decode(Other.self, bytes) }
        let number = try BinaryCoding.encode(["n": 300])
        #expect(throws: (any Error).self) { try decode([String: Int8].self, number) }
        #expect(throws: (any Error).self) { try decode([String: Bool].self, number) }
    }

    /// Every truncation and many single-byte changes of a real value: each decodes to something or
    /// throws; none traps, hangs or reads outside the bytes.
    @Test func damagedBytesNeverCrash() throws {
        let bytes = try BinaryCoding.encode(Self.sample)
        var outcomes = 0
        for n in 0..<bytes.count {
            _ = try? decode(Sample.self, Array(bytes.prefix(n)))
            outcomes += 1
        }
        var rng = SplitMix64(state: 23)
        for _ in 0..<4_000 {
            var b = bytes
            let i = Int(rng.next() % UInt64(b.count))
            b[i] = UInt8(truncatingIfNeeded: rng.next())
            _ = try? decode(Sample.self, b)
            outcomes += 1
        }
        #expect(outcomes == bytes.count + 4_000)
        // Nesting deeper than any model type is refused, not recursed into.
        var nest = Nest.leaf
        for _ in 0..<200 { nest = .inner([nest]) }
        #expect(throws: (any Error).self) { try decode(Nest.self, try BinaryCoding.encode(nest)) }
        var shallow = Nest.leaf
        for _ in 0..<5 { shallow = .inner([shallow]) }
        #expect(try decode(Nest.self, try BinaryCoding.encode(shallow)) == shallow)
    }

    indirect enum Nest: Codable, Equatable { case leaf, inner([Nest]) }
}
