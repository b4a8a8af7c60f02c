import Foundation
import LocalOfferCore

extension AppState {
    /// The width a take-away is laid out to: a printed page, and a phone's note, read it whole.
    public static let takeawayWidth = 76

    /// The take-away a family leaves with (saved, printed, or its list as a code): Core's one text
    /// (`TakeawayFile.text`, in the entry page's order), wrapped by the screen's own rules.
    public func takeaway(madeOn date: Date = Date()) -> String {
        Catalogue.$current.withValue(config.strings) {
            AppState.takeaway(content: content, list: session.myList, profile: session.profile, madeOn: date)
        }
    }

    /// The same take-away for any front end (plain mode has no AppState).
    public static func takeaway(content: Content, list: [String], profile p: Profile, madeOn date: Date = Date()) -> String {
        TakeawayFile.text(content: content, list: list, profile: p, madeOn: date) { text, prefix in
            Wrap.indent(text, width: takeawayWidth, prefix: prefix)
        }
    }
}
