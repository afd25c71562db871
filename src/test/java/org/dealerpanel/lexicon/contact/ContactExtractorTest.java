package org.dealerpanel.lexicon.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContactExtractorTest {

    private final ContactExtractor extractor = new ContactExtractor();

    private ContactId only(String text) {
        List<ContactId> ids = extractor.extract(text);
        assertEquals(1, ids.size(), () -> "expected one id in '" + text + "', got " + ids);
        return ids.get(0);
    }

    private static void assertId(ContactId id, ContactKind kind, String value, int start, int end) {
        assertEquals(kind, id.kind(), id::toString);
        assertEquals(value, id.value(), id::toString);
        assertEquals(start, id.start(), () -> "start of " + id);
        assertEquals(end, id.end(), () -> "end of " + id);
    }

    @Test
    void wechatWithCommonPrefixes() {
        assertId(only("加微信：Abc_123 看货"), ContactKind.WECHAT, "abc_123", 4, 11);
        assertId(only("微信号 abc-12345"), ContactKind.WECHAT, "abc-12345", 4, 13);
        assertId(only("VX:dealer888"), ContactKind.WECHAT, "dealer888", 3, 12);
        assertId(only("vx dealer888"), ContactKind.WECHAT, "dealer888", 3, 12);
        assertId(only("wx：dealer888"), ContactKind.WECHAT, "dealer888", 3, 12);
        assertId(only("V信 dealer888"), ContactKind.WECHAT, "dealer888", 3, 12);
        assertId(only("威信dealer888"), ContactKind.WECHAT, "dealer888", 2, 11);
        assertId(only("薇：dealer888"), ContactKind.WECHAT, "dealer888", 2, 11);
        assertId(only("＋V：dealer888"), ContactKind.WECHAT, "dealer888", 3, 12);
        assertId(only("加V dealer888"), ContactKind.WECHAT, "dealer888", 3, 12);
        assertId(only("wechat: Dealer888"), ContactKind.WECHAT, "dealer888", 8, 17);
        assertId(only("V: dealer888"), ContactKind.WECHAT, "dealer888", 3, 12);
        assertId(only("ＶＸ：ｄｅａｌｅｒ８８８"), ContactKind.WECHAT, "dealer888", 3, 12);
    }

    @Test
    void wechatFromOcrWithSpaces() {
        assertId(only("微 信 : abc_123"), ContactKind.WECHAT, "abc_123", 6, 13);
        assertId(only("微 信 号 ： a b c _ 1 2 3"), ContactKind.WECHAT, "abc_123", 8, 21);
        assertId(only("微\u200B信：abc_123"), ContactKind.WECHAT, "abc_123", 4, 11);
    }

    @Test
    void wechatIdRules() {
        assertTrue(extractor.extract("微信：abc12").isEmpty(), "too short");
        assertTrue(extractor.extract("微信：1abcdef").isEmpty(), "must start with a letter");
        assertTrue(extractor.extract("微信：abcdefghijklmnopqrstu").isEmpty(), "21 characters is too long");
        assertTrue(extractor.extract("TV abcdef and vxabc123").isEmpty(), "no prefix");
        assertId(only("wxid_k2j3h4g5f6"), ContactKind.WECHAT, "wxid_k2j3h4g5f6", 0, 15);
        // a WeChat "id" of digits is the phone number
        assertId(only("微信：13800138000"), ContactKind.PHONE, "13800138000", 3, 14);
    }

    @Test
    void qqNumbers() {
        assertId(only("扣扣 123456789"), ContactKind.QQ, "123456789", 3, 12);
        assertId(only("QQ:12345"), ContactKind.QQ, "12345", 3, 8);
        assertId(only("qq号：98765432"), ContactKind.QQ, "98765432", 4, 12);
        assertId(only("企鹅 2233445566"), ContactKind.QQ, "2233445566", 3, 13);
        assertId(only("Q：55667788"), ContactKind.QQ, "55667788", 2, 10);
        assertId(only("Q Q ： 1 2 3 4 5 6"), ContactKind.QQ, "123456", 6, 17);
        assertId(only("邮箱 10001@qq.com"), ContactKind.QQ, "10001", 3, 8);
        assertTrue(extractor.extract("QQ:01234567").isEmpty(), "no leading zero");
        assertTrue(extractor.extract("QQ:1234").isEmpty(), "too short");
    }

    @Test
    void qqNumberThatLooksLikeAMobileIsReportedOnce() {
        List<ContactId> ids = extractor.extract("QQ 13800138000");
        assertEquals(1, ids.size(), ids::toString);
        assertId(ids.get(0), ContactKind.QQ, "13800138000", 3, 14);
    }

    @Test
    void mobileNumbers() {
        assertId(only("13800138000"), ContactKind.PHONE, "13800138000", 0, 11);
        assertId(only("电话：+86 138-0013-8000"), ContactKind.PHONE, "13800138000", 3, 20);
        assertId(only("手机 138 0013 8000 随时联系"), ContactKind.PHONE, "13800138000", 3, 16);
        assertId(only("联系8615912345678"), ContactKind.PHONE, "15912345678", 2, 15);
        assertId(only("tel 1 5 9 1 2 3 4 5 6 7 8"), ContactKind.PHONE, "15912345678", 4, 25);
        assertId(only("１３８００１３８０００"), ContactKind.PHONE, "13800138000", 0, 11);
        assertTrue(extractor.extract("12800138000").isEmpty(), "second digit 2");
        assertTrue(extractor.extract("138001380001").isEmpty(), "12 digits");
        assertTrue(extractor.extract("订单号 213800138000").isEmpty(), "part of a longer number");
    }

    @Test
    void urls() {
        assertId(only("进店看看 https://shop123.taobao.com/item?id=5，谢谢"), ContactKind.URL,
                "https://shop123.taobao.com/item?id=5", 5, 41);
        assertId(only("see http://example.cn/a."), ContactKind.URL, "http://example.cn/a", 4, 23);
        assertId(only("店铺 abc.taobao.com 欢迎"), ContactKind.URL, "abc.taobao.com", 3, 17);
        assertId(only("weidian.com/s/123456789)"), ContactKind.URL, "weidian.com/s/123456789", 0, 23);
        assertTrue(extractor.extract("价格 1.5万 重量 3.2kg v1.2").isEmpty());
    }

    @Test
    void phoneInsideUrlIsNotAPhone() {
        assertId(only("https://example.com/13800138000"), ContactKind.URL, "https://example.com/13800138000", 0, 31);
    }

    @Test
    void severalIdsInOneOcrText() {
        String text = "正 宗 老 料 微 信 : ivory_king88 Q Q 12345678 电 话 138 0013 8000 店 铺 www.ivory-shop.com";
        List<ContactId> ids = extractor.extract(text);
        assertEquals(4, ids.size(), ids::toString);
        assertEquals(ContactKind.WECHAT, ids.get(0).kind());
        assertEquals("ivory_king88", ids.get(0).value());
        assertEquals("ivory_king88", text.substring(ids.get(0).start(), ids.get(0).end()));
        assertEquals(ContactKind.QQ, ids.get(1).kind());
        assertEquals("12345678", ids.get(1).value());
        assertEquals(ContactKind.PHONE, ids.get(2).kind());
        assertEquals("138 0013 8000", text.substring(ids.get(2).start(), ids.get(2).end()));
        assertEquals(ContactKind.URL, ids.get(3).kind());
        assertEquals("www.ivory-shop.com", ids.get(3).value());
        assertEquals("wechat", ids.get(0).kind().wireName());
    }

    @Test
    void nothingInOrdinaryText() {
        assertEquals(List.of(), extractor.extract("今天天气很好，我们去公园散步吧。微博上看到的消息，2023年12月31日。"));
    }
}
