import LocalOfferCore

extension AppState {
    /// The most a list may hold (every front end keeps to it: a list is data a family typed, bounded).
    public static let maxList = 500

    /// Adds an entry to my list or takes it off, from any screen that shows entries.
    mutating func toggleList(_ id: String) {
        if let i = session.myList.firstIndex(of: id) {
            session.myList.remove(at: i)
            message = tr(.myListRemoved)
        } else if session.myList.count < AppState.maxList {
            session.myList.append(id)
            message = tr(.myListAdded, ["n": "\(session.myList.count)"])
        }
    }
}
