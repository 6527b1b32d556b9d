import Testing

@testable import XunchaText

private let extractor = TextExtractor()

private func extract(_ text: String, year: Int? = nil) -> Extraction {
    TextExtractor(referenceYear: year).extract(fromOriginal: text)
}

@Suite struct PhoneTests {
    @Test(arguments: [
        ("值班电话:13907381234,欢迎来电", ["13907381234"]),
        ("手机 139-0738-1234", ["13907381234"]),
        ("电话:+86 139 0738 1234", ["13907381234"]),
        ("举报电话:0738-8311234", ["0738-8311234"]),
        ("电话(0738)8311234", ["0738-8311234"]),
        ("电话:010-62345678", ["010-62345678"]),
        ("电话:07388311234", ["0738-8311234"]),
        ("电话:0553-2595762 15212240000", ["0553-2595762", "15212240000"]),
        ("电话:0553-2595762/2595763", ["0553-2595762", "0553-2595763"]),
        ("拨打12388举报", ["12388"]),
        ("举报电话:0731-12388", ["0731-12388"]),
        ("也可拨打服务热线400-800-1234", ["4008001234"]),
        ("联系电话8311234", ["8311234"]),
        ("举报电话:0738—8311234", ["0738-8311234"]),
        ("编号1234,(0738)8311234", ["0738-8311234"]),
    ])
    func found(_ text: String, _ expected: [String]) {
        #expect(extract(text).phones.map(\.value) == expected)
    }

    @Test(arguments: [
        "邮箱17773806700@189.cn",
        "共有12388人参加",
        "编号8311234",
        "身份证号430102199003074515",
        "2023-05-31",
        "金额13907381234567元",
    ])
    func notPhones(_ text: String) {
        #expect(extract(text).phones.isEmpty)
    }

    @Test func kinds() {
        let phones = extract("手机13907381234,座机0738-8311234,热线12388").phones
        #expect(phones.map(\.kind) == [.mobile, .landline, .service])
    }
}

@Suite struct EmailTests {
    @Test(arguments: [
        ("电子邮箱:xcz4@163.com,举报", ["xcz4@163.com"]),
        ("邮箱：ＸＣＺ＿4@ＱＱ.ＣＯＭ。", ["XCZ_4@qq.com"]),
        ("mail first.last+tag@mail.example.org.", ["first.last+tag@mail.example.org"]),
        ("17773806700@189.cn", ["17773806700@189.cn"]),
    ])
    func found(_ text: String, _ expected: [String]) {
        #expect(extract(text).emails.map(\.value) == expected)
    }

    @Test(arguments: ["a@b", "@163.com", "name@163.c1", "邮箱@网站.中国"])
    func notEmails(_ text: String) {
        #expect(extract(text).emails.isEmpty)
    }
}

@Suite struct DateTests {
    @Test(arguments: [
        ("2023年2月27日召开", ["2023-02-27"]),
        ("二〇二三年五月三十一日", ["2023-05-31"]),
        ("截止2023-05-31", ["2023-05-31"]),
        ("截止2023.5.31", ["2023-05-31"]),
        ("截止2023/5/31", ["2023-05-31"]),
        ("2023 年 5 月 31 日", ["2023-05-31"]),
        ("5月31号前", ["--05-31"]),
        ("二〇二四年二月二十九日", ["2024-02-29"]),
        ("二○二三年五月三十一日", ["2023-05-31"]),
        ("2023年05月01日", ["2023-05-01"]),
    ])
    func found(_ text: String, _ expected: [String]) {
        #expect(extract(text).dates.map(\.iso) == expected)
    }

    @Test(arguments: ["2023年2月30日", "2023年13月1日", "二〇二三年二月二十九日", "第3月", "2023年5月", "1.5.31"])
    func invalidOrIncomplete(_ text: String) {
        #expect(extract(text).dates.isEmpty)
    }

    @Test func yearFromEarlierDateThenReferenceThenLater() {
        #expect(extract("2022年1月5日发布。3月1日开始").dates.map(\.iso) == ["2022-01-05", "2022-03-01"])
        #expect(extract("五月三十一日截止", year: 2021).dates.map(\.iso) == ["2021-05-31"])
        #expect(extract("6月9日开始,截止时间2022年8月16日").dates.map(\.iso) == ["2022-06-09", "2022-08-16"])
    }

    @Test(arguments: [
        ("2023年巡察期间(3月1日—5月31日)", "2023-03-01/2023-05-31"),
        ("2023年3月1日至5月31日", "2023-03-01/2023-05-31"),
        ("2020年8月20日至2020年10月20日", "2020-08-20/2020-10-20"),
        ("2023年10月10日~10月15日", "2023-10-10/2023-10-15"),
        ("2023年3月1日-31日", "2023-03-01/2023-03-31"),
        ("2023年12月1日至1月31日", "2023-12-01/2024-01-31"),
        ("2023.3.1—2023.5.31", "2023-03-01/2023-05-31"),
        ("2023年3月1日到5月31日", "2023-03-01/2023-05-31"),
        ("自2023年3月1日起至5月31日止", "2023-03-01/2023-05-31"),
    ])
    func ranges(_ text: String, _ expected: String) {
        #expect(extract(text).dateRanges.map(\.iso) == [expected])
    }

    @Test func spanInTraditionalOriginal() {
        let text = "巡察期間（３月１日—５月３１日）"
        let found = extract(text).dateRanges[0]
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[found.range])) == "３月１日—５月３１日")
        #expect(String(String.UnicodeScalarView(scalars[found.to.range])) == "５月３１日")
    }
}

@Suite struct TimeRangeTests {
    @Test(arguments: [
        ("工作日上午8:00—12:00,下午14:30—17:30", ["08:00/12:00", "14:30/17:30"]),
        ("上午8点至12点", ["08:00/12:00"]),
        ("下午2:30-5:30", ["14:30/17:30"]),
        ("早8点至晚6点", ["08:00/18:00"]),
        ("9:00~17:00", ["09:00/17:00"]),
        ("8:30-5:30", ["08:30/17:30"]),
        ("上午九点至下午五点半", ["09:00/17:30"]),
        ("8点30分到11点", ["08:30/11:00"]),
        ("中午12:00-1:30", ["12:00/13:30"]),
        ("上午8时30分至11时30分", ["08:30/11:30"]),
        ("每天8:00至20:00", ["08:00/20:00"]),
        ("上午９：００－１２：００", ["09:00/12:00"]),
        ("受理電話的時間為:8:00—18:00,(邊遠地區為10:00—20:00)", ["08:00/18:00", "10:00/20:00"]),
    ])
    func found(_ text: String, _ expected: [String]) {
        #expect(extract(text).timeRanges.map(\.text) == expected)
    }

    @Test(arguments: ["比分3:1-2:0", "2023-05-31", "8:00", "第1至3条"])
    func notRanges(_ text: String) {
        #expect(extract(text).timeRanges.isEmpty)
    }
}

@Suite struct MoneyTests {
    @Test(arguments: [
        ("收受2000元", "2000", false),
        ("收受2万元", "20000", false),
        ("涉及1.5万余元", "15000", true),
        ("3000多元", "3000", true),
        ("五万元", "50000", false),
        ("人民币10万元", "100000", false),
        ("￥500", "500", false),
        ("1,200元", "1200", false),
        ("2.35亿元", "235000000", false),
        ("约300元", "300", true),
        ("十二万三千元", "123000", false),
        ("0.5万元", "5000", false),
    ])
    func found(_ text: String, _ value: String, _ approximate: Bool) {
        let money = extract(text).money
        #expect(money.map(\.value) == [value])
        #expect(money.map(\.approximate) == [approximate])
    }

    @Test(arguments: ["一元化管理", "多元主体", "2000年", "二元结构"])
    func notMoney(_ text: String) {
        #expect(extract(text).money.isEmpty)
    }
}

@Suite struct IDNumberTests {
    // Made-up numbers with valid check characters.
    @Test(arguments: [("身份证号430102199003074515。", "430102199003074515"), ("11010519491231002x", "11010519491231002X")])
    func valid(_ text: String, _ expected: String) {
        #expect(extract(text).idNumbers.map(\.value) == [expected])
    }

    @Test(arguments: ["430102199003074517", "430102199013074516", "4301021990030745151", "043010219900307451"])
    func invalid(_ text: String) {
        #expect(extract(text).idNumbers.isEmpty)
    }

    @Test func birthDate() {
        #expect(extract("430102199003074515").idNumbers.first?.birthDate == "1990-03-07")
    }
}

@Suite struct PostalBoxTests {
    @Test(arguments: [
        ("举报信箱:婁底市A032郵政信箱。", "娄底市A032邮政信箱"),
        ("来信请寄长沙市3011信箱", "长沙市3011信箱"),
        ("邮政信箱:苏州邮政信箱429号市委巡察组", "苏州邮政信箱429号"),
        ("来信可寄:北京市邮政局第8号信箱", "北京市邮政局第8号信箱"),
        ("邮政信箱:A032", "邮政信箱:A032"),
    ])
    func found(_ text: String, _ expected: String) {
        #expect(extract(text).postalBoxes.map(\.value) == [expected])
    }

    @Test(arguments: ["设置举报信箱", "在区人大设有举报信箱和信访接待室"])
    func notBoxes(_ text: String) {
        #expect(extract(text).postalBoxes.isEmpty)
    }
}

@Suite struct JSONTests {
    @Test func hasEveryKeyInOrder() {
        let json = extract("").jsonString()
        let keys = ["phones", "emails", "dates", "date_ranges", "time_ranges", "money", "id_numbers", "postal_boxes"]
        var last = json.startIndex
        for key in keys {
            let found = json.firstRange(of: "\"\(key)\"")
            #expect(found != nil)
            if let found {
                #expect(found.lowerBound >= last)
                last = found.lowerBound
            }
        }
    }

    @Test func escapes() {
        #expect(jsonQuoted("a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\\u0001\"")
    }
}

@Suite struct PiecewiseExtractionTests {
    @Test func appendingPiecesEqualsTheWhole() {
        let first = "2023年2月27日召开动员会。\n电话:13907381234\n"
        let second = "巡察期间(3月1日—5月31日),上午8:00—12:00,收受2万元。\n"
        let whole = extract(first + second)
        var pieces = extract(first)
        pieces.append(TextExtractor(referenceYear: pieces.lastWrittenYear).extract(fromOriginal: second), offset: first.unicodeScalars.count)
        #expect(pieces == whole)
        #expect(whole.dateRanges.map(\.iso) == ["2023-03-01/2023-05-31"])
    }
}
