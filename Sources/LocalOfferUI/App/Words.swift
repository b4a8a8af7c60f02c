import LocalOfferCore

extension AppState {
    /// A string of the catalogue in the language chosen at start.
    func tr(_ key: S) -> String { config.strings[key] }
    func tr(_ key: S, _ values: [String: String]) -> String { config.strings.format(key, values) }
}
