package org.dealerpanel.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies {@link TextInput}'s rule to every JSON string a request body carries: bean properties, list items and the
 * values of JSON trees (the PATCH bodies). The rule of a string is the one of its property name. Reads of the service's
 * own stored JSON (OCR details, snapshot evidence) pass {@link #TRUSTED} and are not checked.
 */
public final class TextInputModule extends SimpleModule {
    /** Reader attribute for JSON the service wrote itself. */
    public static final String TRUSTED = "org.dealerpanel.trusted-json";

    public TextInputModule() {
        super("tracker-text-input");
        addDeserializer(String.class, new CheckedString());
        addDeserializer(JsonNode.class, new CheckedTree<>(JsonNode.class));
        addDeserializer(ObjectNode.class, new CheckedTree<>(ObjectNode.class));
        addDeserializer(ArrayNode.class, new CheckedTree<>(ArrayNode.class));
    }

    /** A reader for JSON the service stored itself: no edge rule. */
    public static ObjectReader trustedReader(ObjectMapper mapper) {
        return mapper.reader().withAttribute(TRUSTED, Boolean.TRUE);
    }

    private static boolean trusted(DeserializationContext ctxt) {
        return ctxt.getAttribute(TRUSTED) != null;
    }

    /** The property a value belongs to: its own name, or the name of the array that holds it. */
    private static String propertyName(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        while (context != null && context.inArray()) {
            context = context.getParent();
        }
        return context == null ? null : context.getCurrentName();
    }

    static final class CheckedString extends StdScalarDeserializer<String> {
        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && !trusted(ctxt)) {
                String name = propertyName(p);
                String problem = TextInput.problem(value, TextInput.ruleFor(name));
                if (problem != null) {
                    throw new TextInputException(p, null, problem);
                }
            }
            return value;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    static final class CheckedTree<T extends JsonNode> extends StdDeserializer<T> {
        private final Class<T> type;

        CheckedTree(Class<T> type) {
            super(type);
            this.type = type;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonDeserializer<? extends JsonNode> plain = JsonNodeDeserializer.getDeserializer(type);
            T tree = (T) plain.deserialize(p, ctxt);
            if (tree != null && !trusted(ctxt)) {
                check(p, tree, "", null);
            }
            return tree;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getNullValue(DeserializationContext ctxt) {
            try {
                return (T) JsonNodeDeserializer.getDeserializer(type).getNullValue(ctxt);
            } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void check(JsonParser p, JsonNode node, String path, String name) throws TextInputException {
            if (node.isTextual()) {
                String problem = TextInput.problem(node.textValue(), TextInput.ruleFor(name));
                if (problem != null) {
                    throw new TextInputException(p, path.isEmpty() ? "body" : path, problem);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    check(p, node.get(i), path + "[" + i + "]", name);
                }
            } else if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    String keyProblem = TextInput.problem(field.getKey(), TextInput.Rule.line(100));
                    if (keyProblem != null) {
                        throw new TextInputException(p, path.isEmpty() ? "body" : path, "a property name " + keyProblem);
                    }
                    check(p, field.getValue(), child, field.getKey());
                }
            }
        }
    }
}
