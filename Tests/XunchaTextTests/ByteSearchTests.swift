import Testing
import XunchaText

@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("举报电话:0731-1234567", "电话", true),
        ("举报电话", "举报电话", true),
        ("举报电", "举报电话", false),
        ("电话举报", "话举", true),
        ("请拨打电", "电话", false),  // the word's start at the text's very end
        ("", "电话", false),
        ("电话", "", true),
        ("mail: a@b.cn", "Mail", false),  // exact bytes: case is the caller's business
        ("信箱", "箱", true),
    ])
    func findsTheWordByteForByte(text: String, word: String, found: Bool) {
        #expect(text.containsBytes(of: word) == found)
    }

    @Test func neverMatchesInsideAScalar() {
        // UTF-8 is self-synchronizing: no scalar's bytes occur inside another's sequence.
        for scalar in ["中", "国", "𠀀", "é"] {
            #expect(!"仲裁𠀁ê".containsBytes(of: scalar))
        }
    }
}
