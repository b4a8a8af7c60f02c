import LocalOfferCore

extension AppState {
    /// Ctrl-P (Parent Champion): print the take-away; the loop's effect runs the print command and
    /// puts its result on the status line. The list stays whatever happens.
    mutating func printRequest() -> Effect {
        if session.myList.isEmpty {
            message = tr(.printEmpty)
            return .none
        }
        message = tr(.printing)
        return .printTakeaway
    }
}
