import Foundation
import Testing
@testable import LocalOfferCore

/// The typed output (CONTRACT.md's shapes) as it is written: keys, and where `null` is promised.
@Suite struct JSONShapeTests {
    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func contactCarriesEveryFieldOnlyWhenPresent() throws {
        let full = Contact(website: "https://example.org", phone: "020 0000 0000", email: "a@example.org",
                           address: "1 High Street", webForm: "https://example.org/form", askInstead: "sendiass")
        let o = try Self.object(try JSONShape.encoded(JSONShape.ContactJSON(full)))
        #expect(o["website"] as? String == "https://example.org")
        #expect(o["phone"] as? String == "020 0000 0000")
        #expect(o["email"] as? String == "a@example.org")
        #expect(o["address"] as? String == "1 High Street")
        #expect(o["web_form"] as? String == "https://example.org/form")
        #expect(o["ask_instead"] as? String == "sendiass")
        #expect((o["lines"] as? [String])?.contains("Address: 1 High Street") == true)
        let phoneOnly = try Self.object(try JSONShape.encoded(JSONShape.ContactJSON(Contact(phone: "020 0000 0000"))))
        #expect(Set(phoneOnly.keys) == ["phone", "lines"])
    }

    @Test func showCarriesTheContactOfEveryEntryWithOne() throws {
        let content = Fixtures.shippedResult.content
        let withAddress = try #require(content.entries.first { $0.contact?.address != nil })
        let e = content.eligibility(of: withAddress, profile: Profile())
        let o = try Self.object(try JSONShape.encoded(JSONShape.Show(withAddress, eligibility: e, answer: nil, content: content)))
        let contact = try #require(o["contact"] as? [String: Any])
        #expect(contact["address"] as? String == withAddress.contact?.address)
    }

    @Test func flowWritesNullForWhatItHasNot() throws {
        let content = Fixtures.shippedResult.content
        let flow = try #require(content.flow("find-support") ?? content.flows.first)
        let start = FlowEngine.run(flow, answers: [:], profile: Profile(), content: content)
        let text = String(decoding: try JSONShape.encoded(JSONShape.Flow(start)), as: UTF8.self)
        #expect(text.contains("\"outcome\" : null"))
        #expect(!text.contains("\"question\" : null"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let back = try decoder.decode(JSONShape.Flow.self, from: try JSONShape.encoded(JSONShape.Flow(start)))
        #expect(back.outcome == nil && back.question != nil)
    }
}
