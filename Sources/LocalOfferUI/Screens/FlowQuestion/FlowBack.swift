import LocalOfferCore

extension FlowState {
    /// The question asked before `here` on this path (nil: `here` is the first); with `here` nil
    /// (an outcome), the last question asked. Back steps here and keeps every answer: the full
    /// screen and the plain mode both go back by it, so neither forgets what was answered.
    public func question(before here: String?) -> String? {
        let ids = path.map(\.id)
        guard let here, let i = ids.firstIndex(of: here) else { return ids.last }
        return i > 0 ? ids[i - 1] : nil
    }
}
