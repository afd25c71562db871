package org.dealerpanel.web.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.qute.i18n.MessageBundle;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page string exists in both languages: for each message bundle interface in this package, every method has
 * a non-empty text in messages/NAME_en.properties and in messages/NAME_zh-CN.properties, and the two files have
 * exactly the same keys.
 */
class MessageBundlesTest {
    private static final Path MESSAGES = Path.of("src/main/resources/messages");
    private static final Path SOURCES = Path.of("src/main/java/org/dealerpanel/web/i18n");

    @Test
    void everyKeyExistsInEnglishAndChinese() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Class<?>> bundles = bundles();
        assertFalse(bundles.isEmpty(), "no message bundle found");
        for (Map.Entry<String, Class<?>> bundle : bundles.entrySet()) {
            String name = bundle.getKey();
            Properties en = load(MESSAGES.resolve(name + "_en.properties"));
            Properties zh = load(MESSAGES.resolve(name + "_zh-CN.properties"));
            Set<String> keys = new TreeSet<>();
            for (Method m : bundle.getValue().getDeclaredMethods()) {
                keys.add(m.getName());
            }
            for (String key : keys) {
                if (en.getProperty(key, "").isBlank()) {
                    problems.add(name + "_en lacks " + key);
                }
                if (zh.getProperty(key, "").isBlank()) {
                    problems.add(name + "_zh-CN lacks " + key);
                }
            }
            for (String key : new TreeSet<>(en.stringPropertyNames())) {
                if (!zh.containsKey(key)) {
                    problems.add(name + "_zh-CN lacks " + key + " (present in English)");
                }
            }
            for (String key : new TreeSet<>(zh.stringPropertyNames())) {
                if (!en.containsKey(key)) {
                    problems.add(name + "_en lacks " + key + " (present in Chinese)");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void chineseTextsAreChinese() throws Exception {
        // a key copied over untranslated is a missing translation too (names such as "English" and CSV excepted)
        for (String name : bundles().keySet()) {
            Properties en = load(MESSAGES.resolve(name + "_en.properties"));
            Properties zh = load(MESSAGES.resolve(name + "_zh-CN.properties"));
            long han = zh.stringPropertyNames().stream().filter(k -> zh.getProperty(k).codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)).count();
            assertTrue(han >= zh.size() * 0.8, name + "_zh-CN: only " + han + " of " + zh.size() + " texts contain Chinese");
            assertEquals(en.size(), zh.size(), name);
        }
    }

    private static Map<String, Class<?>> bundles() throws IOException, ClassNotFoundException {
        Map<String, Class<?>> bundles = new TreeMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String simple = file.getFileName().toString().replace(".java", "");
                Class<?> type = Class.forName("org.dealerpanel.web.i18n." + simple);
                MessageBundle annotation = type.getAnnotation(MessageBundle.class);
                if (annotation != null) {
                    bundles.put(annotation.value(), type);
                }
            }
        }
        return bundles;
    }

    private static Properties load(Path file) throws IOException {
        assertTrue(Files.exists(file), file + " is missing");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
