import LocalOfferCore

extension AppState {
    /// The top line: the mode banner (with its key) when a mode is on, else the program's name; then
    /// the profile, in whatever room the banner leaves. The banner wins: an adviser must always see
    /// that the terminal is shared and how to end a family's session.
    func drawHeader(_ b: inout Buffer) {
        let style = config.theme.style(.header)
        b.fill(y: 0, style: style)
        let left = config.mode.banner.map { " " + $0 + " " } ?? tr(.headerTitle)
        let g = config.glyphs
        let end = b.put(DisplayWidth.truncate(g.text(left), to: width, glyphs: g), x: 0, y: 0, style: style)
        guard !session.profile.isEmpty else { return }
        // Without a banner the profile may cover the end of the program's name, as it always has.
        let room = config.mode.banner == nil ? width / 2 : min(width / 2, width - end - 1)
        guard room >= 12 else { return }
        // F2, not p: on the home screen p is the first letter of a search.
        let s = DisplayWidth.truncate(g.text(tr(.headerProfile, ["profile": session.profile.summary])), to: room, glyphs: g)
        b.put(s, x: width - DisplayWidth.of(s), y: 0, style: style)
    }
}
