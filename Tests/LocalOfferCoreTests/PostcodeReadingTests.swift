import Testing
@testable import LocalOfferCore

/// Postcodes as people type them: whole, by sector or by district, any case, with or without the
/// space. The district decides; where the letters read two ways the flow asks rather than guess.
@Suite struct PostcodeReadingTests {
    static let shipped = Fixtures.shippedResult.content
    static let table = shipped.postcodes

    @Test(arguments: [
        ("KT3 4PP", ["KT3"]), ("kt34pp", ["KT3"]), ("kt3 4", ["KT3"]), ("KT34", ["KT34", "KT3"]),
        ("tw9 1", ["TW9"]), ("TW9", ["TW9"]), ("tw9", ["TW9"]), ("  tw9   1aa ", ["TW9"]), ("TW91AA", ["TW9"]),
        ("TW11", ["TW11", "TW1"]), ("TW1 1", ["TW1"]), ("tw11 9aa", ["TW11"]), ("KT3 4 PP", ["KT3"]),
        ("W1A 1AA", ["W1A"]), ("w1a1aa", ["W1A"]), ("SW14 8AB", ["SW14"]), ("kt3 4p", ["KT3"]),
        ("ＫＴ３　４ＰＰ", ["KT3"]), ("K T 3", ["KT3"]), ("KT3\u{00A0}4PP", ["KT3"]),
    ])
    func readsEveryForm(_ input: String, _ districts: [String]) {
        #expect(Postcodes.read(input)?.districts == districts, "\(input)")
    }

    @Test(arguments: ["", "   ", "hello", "QQ", "KT", "3KT", "KT3 4PPP", "KT3 PP", "KT3-4PP",
                      "KT٣ 4PP", "KT3 ٤PP", "KT3 4P\u{0301}P", "KT3 4ßA", "TW9 1AA; rm -rf /", String(repeating: "KT3", count: 200)])
    func refusesWhatIsNotAPostcode(_ input: String) {
        #expect(Postcodes.read(input) == nil, "\(input)")
    }

    @Test func sectorsEndInTheirBorough() throws {
        let flow = try #require(Self.shipped.flow("which-borough"))
        let node = try #require(flow.node("postcode"))
        func run(_ answers: [String: String]) throws -> FlowState {
            var a: [String: Answer] = [:]
            for (k, v) in answers { a[k] = try FlowEngine.parse(v, for: try #require(flow.node(k)), postcodes: Self.table) }
            return FlowEngine.run(flow, answers: a, content: Self.shipped)
        }
        // tw9 1 (Richmond, Kew): Richmond straight away.
        let tw9 = try run(["postcode": "tw9 1"])
        #expect(tw9.outcome?.node.id == "in-richmond")
        #expect(tw9.profile.borough == .richmond)
        #expect(try run(["postcode": "TW9"]).profile.borough == .richmond)
        // kt3 4 (New Malden): KT3 is Kingston's, shared with another council, so the bill decides.
        let kt3 = try run(["postcode": "kt3 4"])
        #expect(kt3.current?.id == "council-tax", "kt3 4 is read as KT3, never as another council's KT34")
        #expect(try run(["postcode": "kt3 4", "council-tax": "kingston"]).profile.borough == .kingston)
        #expect(try run(["postcode": "kt34pp", "council-tax": "kingston"]).outcome?.node.id == "in-kingston")
        // A full postcode in a shared district still asks.
        #expect(try run(["postcode": "KT1 1AA"]).current?.id == "council-tax")
        #expect(try run(["postcode": "kt5 8"]).profile.borough == .kingston)
        // Two readings that disagree (Teddington's TW11, or sector 1 of TW1): asked, not guessed.
        #expect(try run(["postcode": "TW11"]).current?.id == "council-tax")
        #expect(try run(["postcode": "TW11 9AA"]).profile.borough == .richmond)
        // Outside both boroughs.
        #expect(try run(["postcode": "E1 6AN"]).outcome?.node.id == "other-council")
        #expect(throws: FlowError.self) { try FlowEngine.parse("KT٣", for: node, postcodes: Self.table) }
    }

    /// No reading of any district in the table, with every sector digit, is ever "outside".
    @Test func everyListedDistrictWithEverySectorIsOurs() {
        for row in Self.table {
            for sector in 0...9 {
                for form in ["\(row.district) \(sector)", "\(row.district.lowercased()) \(sector)aa", "\(row.district)\(sector)AB"] {
                    guard let r = Postcodes.read(form) else { Issue.record("\(form) not read"); continue }
                    #expect(r.districts.contains(row.district), "\(form)")
                    #expect(Postcodes.classify(r, in: Self.table) != .outside, "\(form)")
                }
            }
        }
    }
}
