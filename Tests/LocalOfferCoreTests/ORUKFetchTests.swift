import Foundation
import Testing
@testable import LocalOfferCore

/// How `import --oruk URL` decides what to fetch next, and which addresses it takes at all (the
/// fetch itself is tested against a live server in InteropCommandTests).
@Suite struct ORUKFetchTests {
    static func page(_ json: String) throws -> JSONValue {
        guard case .success(let (v, _, _)) = JSONReader.parse(Data(json.utf8)) else { throw CocoaError(.coderReadCorrupt) }
        return v
    }

    @Test func onlyWebAddressesWithAHost() {
        #expect(ORUKFetch.check(address: "https://directory.example.gov.uk/api/services") == nil)
        #expect(ORUKFetch.check(address: "HTTP://127.0.0.1:8080/services") == nil)
        for bad in ["ftp://example.org/services", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)"] {
            #expect(ORUKFetch.check(address: bad)?.contains("only http:// and https://") == true, "\(bad)")
        }
        #expect(ORUKFetch.check(address: "http:///services") != nil)
        #expect(ORUKFetch.check(address: "not an address") != nil)
    }

    @Test func pageAddressesKeepTheFeedsOwnQuery() throws {
        let base = try #require(URL(string: "https://x.example/api/services?taxonomy=send&page=9"))
        #expect(ORUKFetch.pageURL(base, page: 2, perPage: 500)?.absoluteString == "https://x.example/api/services?taxonomy=send&page=2&per_page=500")
        let sized = try #require(URL(string: "https://x.example/services?per_page=20"))
        #expect(ORUKFetch.pageURL(sized, page: 3, perPage: 500)?.absoluteString == "https://x.example/services?per_page=20&page=3")
    }

    @Test func theNextPageComesFromThePagesOwnWords() throws {
        typealias S = ORUKFetch.Step
        // ORUK 3.0, Spring (ORUK 1.0, Outpost), JSON:API, HAL, a bare next.
        #expect(ORUKFetch.step(after: try Self.page(#"{"last_page": false, "contents": [1]}"#), number: 1, records: 1) == S.number)
        #expect(ORUKFetch.step(after: try Self.page(#"{"last_page": true, "total_pages": 9}"#), number: 1, records: 1) == S.stop)
        #expect(ORUKFetch.step(after: try Self.page(#"{"last": false, "totalPages": 141, "number": 1}"#), number: 1, records: 20) == S.number)
        #expect(ORUKFetch.step(after: try Self.page(#"{"total_pages": 3}"#), number: 3, records: 2) == S.stop)
        #expect(ORUKFetch.step(after: try Self.page(#"{"total_pages": 3}"#), number: 2, records: 2) == S.number)
        #expect(ORUKFetch.step(after: try Self.page(#"{"links": {"next": "/services?cursor=b"}}"#), number: 1, records: 2) == S.link("/services?cursor=b"))
        #expect(ORUKFetch.step(after: try Self.page(#"{"_links": {"next": {"href": "https://x/s?p=2"}}}"#), number: 1, records: 2) == S.link("https://x/s?p=2"))
        #expect(ORUKFetch.step(after: try Self.page(#"{"next": null, "last": false}"#), number: 1, records: 2) == S.stop)
        #expect(ORUKFetch.step(after: try Self.page(#"{"links": {"next": ""}, "total_pages": 5}"#), number: 1, records: 2) == S.stop)
        // No records, or nothing said about pages: the last page. A huge page count is only a number.
        #expect(ORUKFetch.step(after: try Self.page(#"{"last_page": false}"#), number: 1, records: 0) == S.stop)
        #expect(ORUKFetch.step(after: try Self.page(#"{"contents": [1]}"#), number: 1, records: 1) == S.stop)
        #expect(ORUKFetch.step(after: try Self.page(#"{"total_pages": 1e308}"#), number: 1, records: 1) == S.number)
        #expect(ORUKFetch.step(after: try Self.page(#"{"total_pages": "many"}"#), number: 1, records: 1) == S.stop)
    }

    @Test func nextLinksStayOnThePagesHost() throws {
        func u(_ s: String) throws -> URL { try #require(URL(string: s)) }
        #expect(ORUKFetch.sameHost(try u("http://api.example/s?page=1"), try u("https://API.example/s?page=2")))
        #expect(ORUKFetch.sameHost(try u("http://127.0.0.1:8080/s"), try u("http://127.0.0.1:8080/s?page=2")))
        #expect(!ORUKFetch.sameHost(try u("http://127.0.0.1:8080/s"), try u("http://localhost:8080/s")))
        #expect(!ORUKFetch.sameHost(try u("http://127.0.0.1:8080/s"), try u("http://127.0.0.1:9090/s")))
        #expect(!ORUKFetch.sameHost(try u("https://council.example/s"), try u("https://council.example.evil.example/s")))
    }

    @Test func anAddressInAMessageIsOneShortLine() {
        let shown = ORUKFetch.shown("http://x.example/\u{1B}[2J\n" + String(repeating: "a", count: 5000))
        #expect(!shown.contains("\u{1B}") && !shown.contains("\n") && shown.count <= 301)
        // A password in the address is never repeated in a message or kept in an entry's sources.
        #expect(ORUKFetch.shown("https://officer:s3cret@directory.example/api/services?page=2") == "https://directory.example/api/services?page=2")
        #expect(ORUKFetch.withoutCredentials("https://directory.example/api/services") == "https://directory.example/api/services")
    }
}
