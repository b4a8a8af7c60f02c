import Foundation
import LocalOfferCore
import LocalOfferUI

enum Navigator {
    static func run(content: Content, options: LocalOffer) throws {
        let session = PlainSession(content: content, mode: options.mode, readLine: { Swift.readLine() }, write: { print($0) })
        session.run()
    }
}
