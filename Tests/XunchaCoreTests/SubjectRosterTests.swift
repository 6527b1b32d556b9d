import Testing
import XunchaCore

@Suite("Subjects resolved against a roster")
struct SubjectRosterTests {
    static let roster = [
        RosterPerson(name: "王建国", unit: "县财政局", post: "党组书记、局长"),
        RosterPerson(name: "王志强", unit: "县财政局", post: "副局长"),
        RosterPerson(name: "李红梅", unit: "县财政局", post: "财务股股长", aliases: ["李姐", "李紅梅"]),
        RosterPerson(name: "张伟", unit: "城关财政所", post: "所长"),
        RosterPerson(name: "张伟", unit: "县财政局", post: "科员"),
        RosterPerson(name: "赵敏", unit: "县财政局", post: "科员", role: .keyPostLeader),
    ]
    let finder = SubjectFinder(roster: roster)

    @Test("a full name resolves to the one person, with the post agreeing")
    func fullName() throws {
        let text = "反映王志强副局长公车私用"
        let f = try #require(finder.find(in: text).findings.first)
        #expect(f.isResolved)
        #expect(f.candidates.first?.person.name == "王志强")
        #expect(f.candidates.first?.basis == "name+post")
        #expect(f.candidates.first?.confidence ?? 0 > 0.95)
        #expect(f.role?.role == .leadershipMember)
        #expect(originalWords(text, f.range) == "王志强副局长")
    }

    @Test("a roster name alone, and an alias, resolve")
    func aliases() throws {
        let a = try #require(finder.find(in: "李姐报销私人费用").findings.first)
        #expect(a.pattern == .rosterName)
        #expect(a.candidates.map(\.person.name) == ["李红梅"])
        #expect(a.candidates.first?.basis == "alias")
        #expect(a.kind == .unitLeader)
        #expect(a.role?.role == .keyPostLeader)
        let b = try #require(finder.find(in: "李紅梅虛報發票").findings.first)
        #expect(b.text == "李紅梅")
        #expect(b.candidates.first?.rosterIndex == 2)
    }

    @Test("surname + post picks the roster people who hold that post")
    func surnameWithPost() throws {
        let f = try #require(finder.find(in: "王书记收受红包").findings.first)
        #expect(f.candidates.map(\.person.name) == ["王建国"])
        #expect(f.candidates.first?.basis == "surname+post")
        let g = try #require(finder.find(in: "王副局长收受红包").findings.first)
        #expect(g.candidates.map(\.person.name) == ["王志强"])
        // 局长 is not 副局长: only the chief fits.
        let h = try #require(finder.find(in: "王局长收受红包").findings.first)
        #expect(h.candidates.map(\.person.name) == ["王建国"])
    }

    @Test("two people fit: both kept, confidence shared")
    func ambiguity() throws {
        let f = try #require(finder.find(in: "王某某收受红包").findings.first)
        #expect(f.candidates.map(\.person.name) == ["王建国", "王志强"])
        #expect(f.candidates.allSatisfy { $0.confidence < 0.2 })
        #expect(!f.isResolved)
        // Both are leaders, so the kind is still clear.
        #expect(f.kind == .unitLeader)

        let same = try #require(finder.find(in: "张伟经常迟到早退").findings.first)
        #expect(same.candidates.map(\.rosterIndex) == [3, 4])
        #expect(same.candidates.allSatisfy { $0.confidence == 0.45 })
        // One is a principal, the other staff: no role can be given from the roster.
        #expect(same.role == nil)
    }

    @Test("the post in the text separates two people of the same name")
    func sameNameDifferentPost() throws {
        let f = try #require(finder.find(in: "城关财政所所长张伟吃拿卡要").findings.first)
        #expect(f.candidates.map(\.rosterIndex) == [3])
        #expect(f.role?.role == .subordinatePrincipal)
    }

    @Test("a post alone with its unit finds the holder")
    func postAlone() throws {
        let f = try #require(finder.find(in: "城关财政所所长吃拿卡要").findings.first)
        #expect(f.candidates.map(\.rosterIndex) == [3])
        #expect(f.candidates.first?.basis == "post+unit")
    }

    @Test("the roster's explicit role is used")
    func override() throws {
        let f = try #require(finder.find(in: "赵敏虚报发票").findings.first)
        #expect(f.role?.rule == "override")
        #expect(f.kind == .unitLeader)
    }

    @Test("names not in the roster stay unresolved")
    func notInRoster() throws {
        let analysis = finder.find(in: "孙某某局长和钱某科长")
        #expect(analysis.findings.count == 2)
        #expect(analysis.findings.allSatisfy { $0.candidates.isEmpty })
        #expect(analysis.findings[0].role?.role == .leadershipMember)
    }

    @Test("one-character roster entries are never matched as names")
    func shortEntries() {
        let finder = SubjectFinder(roster: [RosterPerson(name: "王", post: "局长")])
        #expect(finder.find(in: "王法何在").findings.isEmpty)
    }
}
