import Foundation
@testable import LocalOfferCore

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static var good: URL { root.appendingPathComponent("good") }
    static var broken: URL { root.appendingPathComponent("broken") }
    /// The content that ships with localoffer, at the repository root.
    static var shipped: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
    }
    // The day content was last reviewed against its sources: content dated today must not read as "in the future".
    static let today = ISODate.parse("2026-12-03") ?? Date()

    static func load(_ url: URL) -> ContentLoader.Result { ContentLoader.load(from: url, today: today) }
    static let goodContent: Content = load(good).content
    static let shippedResult: ContentLoader.Result = load(shipped)
}
