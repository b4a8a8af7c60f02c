import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The Debian package installs into a fresh root that holds only what its Depends bring (no Swift
/// toolchain) and runs there; its kiosk unit verifies and scores under 2.0; lintian says only what
/// packaging/lintian-explained explains. `.ci/run` builds the package first and passes it in
/// LOCALOFFER_DEB; without it this test builds one (a release build: minutes).
@Suite(.serialized) struct PackagingEndToEndTests {
    static let root = Tmux.packageRoot

    func sh(_ command: String) -> (status: Int32, out: String) {
        let r = Tmux.run(["sh", "-c", command])
        return (r.status >> 8, r.out)
    }

    func deb() throws -> String {
        if let d = ProcessInfo.processInfo.environment["LOCALOFFER_DEB"], !d.isEmpty { return d }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lo-deb-\(UUID().uuidString.prefix(8))").path
        let r = sh("\(Tmux.quote(Self.root.appendingPathComponent("packaging/build-deb").path)) \(Tmux.quote(out)) 2>&1")
        try #require(r.status == 0, "packaging/build-deb failed: \(r.out.suffix(2000))")
        return try #require(r.out.split(separator: "\n").last.map(String.init))
    }

    @Test func theDebInstallsAndRunsWhereNoSwiftIs() throws {
        try #require(getuid() == 0, "installing into a fresh root and chroot need root (CI runs as root)")
        let deb = try deb()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lo-root-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let q = Tmux.quote
        let made = sh("\(q(Self.root.appendingPathComponent("packaging/make-test-root").path)) \(q(root)) \(q(deb)) 2>&1")
        try #require(made.status == 0, "make-test-root: \(made.out)")

        // No toolchain, no Swift runtime: the binary carries its standard library.
        #expect(sh("find \(q(root)) -name 'libswift*' -o -name 'swift' -o -name 'swiftc' -o -name 'libFoundation*.so*' | head -5").out.isEmpty)
        #expect(sh("dpkg --root=\(q(root)) -s localoffer | grep -c '^Status: install ok installed'").out.hasPrefix("1"))

        // /proc mounted in a mount namespace of the test's own (the static Swift runtime reads its
        // arguments from /proc/self/cmdline, as on any installed system); gone when the command ends.
        let inRoot = "unshare --mount --fork --pid --mount-proc=\(q(root + "/proc")) chroot \(q(root))"
        let version = sh("\(inRoot) /usr/bin/localoffer --version 2>&1")
        #expect(version.status == 0 && version.out.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("localoffer "), "\(version.out)")
        let search = sh("\(inRoot) /usr/bin/localoffer search speech therapy --json 2>&1")
        #expect(search.status == 0, "\(search.out)")
        let json = try JSONSerialization.jsonObject(with: Data(search.out.utf8)) as? [String: Any]
        #expect(((json?["total"] as? Int) ?? 0) > 0, "no results from the installed content: \(search.out.prefix(300))")
        let check = sh("\(inRoot) /usr/bin/localoffer check 2>&1")
        #expect(check.status == 0 && check.out.contains("/usr/share/localoffer/content") && check.out.contains(": 0 errors"), "\(check.out)")

        // `import --oruk URL` in the root: libcurl (the package's Depends brings it) fetches every
        // page of a live feed on this machine's 127.0.0.1 (the root shares its network).
        let feed = try InteropCommandTests.LiveFeed()
        #expect(sh("cp -r \(q(root))/usr/share/localoffer/content \(q(root))/tmp/content").status == 0)
        let fetched = sh("\(inRoot) /usr/bin/localoffer import --oruk \(q(feed.base + "/services")) --into /tmp/content 2>&1")
        #expect(fetched.status == 0 && fetched.out.contains("Imported 6 records"), "\(fetched.out)")
        #expect(sh("dpkg-deb -f \(q(deb)) Depends").out.contains("libcurl4"), "libcurl4 is not in Depends")

        // What the package ships beside the binary.
        let man = sh("zcat \(q(root))/usr/share/man/man1/localoffer.1.gz").out
        for section in ["ENVIRONMENT", "FILES", "EXAMPLES", "EXIT STATUS", "localoffer feedback report"] {
            #expect(man.contains(section), "man page lacks \(section)")
        }
        #expect(sh("MANWIDTH=80 man --warnings -l \(q(root))/usr/share/man/man1/localoffer.1.gz 2>&1 >/dev/null").out.isEmpty)
        for f in ["usr/share/bash-completion/completions/localoffer", "usr/share/zsh/vendor-completions/_localoffer",
                  "usr/share/fish/vendor_completions.d/localoffer.fish", "lib/systemd/system/localoffer-kiosk.service",
                  "usr/share/doc/localoffer/copyright", "usr/share/localoffer/content/LICENCE"] {
            #expect(FileManager.default.fileExists(atPath: root + "/" + f), "missing /\(f)")
        }
        let unit = root + "/lib/systemd/system/localoffer-kiosk.service"
        // verify resolves the unit's dependencies (sysinit.target …) in the root: give it this
        // machine's targets, as the systemd of a real kiosk would. ExecStart is checked in the root.
        #expect(sh("cp -a /lib/systemd/system/*.target \(q(root))/lib/systemd/system/").status == 0)
        let verify = sh("systemd-analyze verify --man=no --root=\(q(root)) \(q(unit)) 2>&1")
        #expect(verify.status == 0 && verify.out.isEmpty, "systemd-analyze verify: \(verify.out)")
        let security = sh("systemd-analyze security --offline=yes --root=\(q(root)) \(q(unit)) 2>&1 | grep 'Overall exposure level'")
        let score = security.out.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
        #expect(score.map { $0 < 2.0 } == true, "security: \(security.out)")

        // lintian: every tag left is one packaging/lintian-explained explains.
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/lintian"), "needs lintian (.ci/run installs it)")
        let explained = try String(contentsOf: Self.root.appendingPathComponent("packaging/lintian-explained"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.compactMap { $0.split(separator: " ").first.map(String.init) }
        let tags = sh("lintian --no-tag-display-limit --display-info \(q(deb)) 2>&1").out.split(separator: "\n")
            .compactMap { line -> String? in
                let parts = line.split(separator: " ")
                let kind = line.hasPrefix("E:") || line.hasPrefix("W:") || line.hasPrefix("I:")
                return parts.count >= 3 && kind ? String(parts[2]) : nil
            }
        let unexplained = Set(tags).subtracting(explained)
        #expect(unexplained.isEmpty, "lintian tags not explained in packaging/lintian-explained: \(unexplained.sorted())")
    }
}
