package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.BeanDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerFactory;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Binds the common fields of the model classes a snapshot is mostly made of (pods and object
 * metadata) with plain setter calls, and every other field with Jackson's own property binding.
 *
 * <p>Why by hand: Jackson's bean deserializer sets each property through {@code Method.invoke} and
 * creates each object through a reflective constructor call. On the short-lived, C1-compiled JVM of
 * {@code analyze -f}, that reflection was 30 % of the CPU of reading a 10,000-pod file (JFR), more
 * than parsing the JSON. Jackson's Blackbird module removes the reflection by spinning a lambda per
 * property, which costs more at start-up than it saves here.
 *
 * <p>Equivalence: a hand-written field is bound only when its value has the expected shape (a string
 * for a string field, an object for a nested model object…); anything else — nulls, coercions,
 * wrong shapes and their errors, fields not written here, unknown fields, ignored fields — goes to
 * the same Jackson property binding the class would use without this module, before the value's
 * first token is read. {@code DirectBindingTest} checks equal objects on the test snapshots.
 */
abstract class DirectBinding {

    /** Thrown before a value's first token is consumed: Jackson binds that value. */
    static final class ToJackson extends RuntimeException {
        private ToJackson() {
            super(null, null, false, false);
        }
    }

    static final ToJackson JACKSON = new ToJackson();

    /** One class's hand-written fields: binds the value at the parser's token, or throws {@link #JACKSON} first. */
    @FunctionalInterface
    interface Fields<T> {
        void field(T bean, String name, JsonParser p, DeserializationContext c) throws IOException;
    }

    /** Binds one object whose START_OBJECT is the parser's token. */
    @FunctionalInterface
    interface Binder<T> {
        T bind(JsonParser p, DeserializationContext c) throws IOException;
    }

    /** Jackson's binding of single properties, per class, taken from the mapper on first use. */
    private final Map<Class<?>, JacksonProperties> jackson = new ConcurrentHashMap<>();

    /** Adds the classes this layer of bindings binds, and how (each layer calls its parent's first). */
    abstract void register(Map<Class<?>, Binder<?>> into);

    /**
     * A module that binds the classes of the binding {@code perMapper} gives (one per mapper: it
     * caches Jackson's deserializers). Jackson's own deserializer of such a class is built only when
     * a value needs it: building one introspects the whole class, and most never need it.
     */
    static SimpleModule module(Supplier<? extends DirectBinding> perMapper) {
        DirectBinding binding = perMapper.get();
        Map<Class<?>, Binder<?>> all = new HashMap<>();
        binding.register(all);
        Map<Class<?>, Binder<?>> binders = Map.copyOf(all);
        SimpleModule module = new SimpleModule("direct-fabric8-model-binding");
        module.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription bean) {
                Binder<?> binder = binders.get(type.getRawClass());
                return binder == null ? null : new Direct(binding, type, binder);
            }
        });
        return module;
    }

    /**
     * The object at the parser: from its START_OBJECT, or from a FIELD_NAME inside it (a reader that
     * looked at kind first), or an END_OBJECT (nothing left). Other tokens go to Jackson.
     */
    final <T> T object(JsonParser p, DeserializationContext c, Class<T> type, T bean, Fields<T> fields) throws IOException {
        String name = p.isExpectedStartObjectToken() ? p.nextFieldName()
                : p.hasToken(JsonToken.FIELD_NAME) ? p.currentName() : null;
        for (; name != null; name = p.nextFieldName()) {
            p.nextToken();
            try {
                fields.field(bean, name, p, c);
            } catch (ToJackson notHere) {
                properties(type, c).bind(p, c, bean, name);
            }
        }
        return bean;
    }

    /** A nested object bound here: only from its START_OBJECT. */
    static void expectObject(JsonParser p) {
        if (!p.isExpectedStartObjectToken()) {
            throw JACKSON;
        }
    }

    /** A nested object bound by {@code binder}: from its START_OBJECT only (null and other shapes: Jackson). */
    static <T> T nested(JsonParser p, DeserializationContext c, Binder<T> binder) throws IOException {
        expectObject(p);
        return binder.bind(p, c);
    }

    /** The string value of the one field ({@code field}) a small class binds here. */
    static String only(String field, String name, JsonParser p) throws IOException {
        if (!field.equals(name)) {
            throw JACKSON;
        }
        return text(p);
    }

    static String text(JsonParser p) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            throw JACKSON;
        }
        return p.getText();
    }

    static Integer integer(JsonParser p) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.getNumberType() != JsonParser.NumberType.INT) {
            throw JACKSON;
        }
        return p.getIntValue();
    }

    static Long longValue(JsonParser p) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw JACKSON;
        }
        return p.getLongValue();
    }

    static Boolean bool(JsonParser p) {
        if (p.hasToken(JsonToken.VALUE_TRUE)) {
            return Boolean.TRUE;
        }
        if (p.hasToken(JsonToken.VALUE_FALSE)) {
            return Boolean.FALSE;
        }
        throw JACKSON;
    }

    /** A {@code Map<String, String>}: non-string values as Jackson's string deserializer reads them. */
    static Map<String, String> textMap(JsonParser p, DeserializationContext c) throws IOException {
        expectObject(p);
        Map<String, String> map = new LinkedHashMap<>();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            map.put(key, element(p.nextToken(), p, c));
        }
        return map;
    }

    /** A {@code List<String>}, elements as in {@link #textMap}. */
    static List<String> texts(JsonParser p, DeserializationContext c) throws IOException {
        if (!p.isExpectedStartArrayToken()) {
            throw JACKSON;
        }
        List<String> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            list.add(element(t, p, c));
        }
        return list;
    }

    private static String element(JsonToken t, JsonParser p, DeserializationContext c) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : t == JsonToken.VALUE_NULL ? null : StringDeserializer.instance.deserialize(p, c);
    }

    /** A list of objects bound by {@code binder}; a null element stays null, other shapes go to Jackson's element binding. */
    final <T> List<T> list(JsonParser p, DeserializationContext c, Class<T> type, Binder<T> binder) throws IOException {
        if (!p.isExpectedStartArrayToken()) {
            throw JACKSON;
        }
        List<T> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            list.add(t == JsonToken.START_OBJECT ? binder.bind(p, c) : t == JsonToken.VALUE_NULL ? null : c.readValue(p, type));
        }
        return list;
    }

    /** Jackson's deserializer of {@code type}, built (as Jackson builds a bean deserializer) on first use. */
    private JacksonProperties properties(Class<?> raw, DeserializationContext c) throws IOException {
        JacksonProperties found = jackson.get(raw);
        if (found == null) {
            JavaType type = c.constructType(raw);
            JsonDeserializer<?> d = ((BeanDeserializerFactory) c.getFactory())
                    .buildBeanDeserializer(c, type, c.getConfig().introspect(type));
            if (d instanceof ResolvableDeserializer r) {
                r.resolve(c);
            }
            found = new JacksonProperties((BeanDeserializerBase) c.handleSecondaryContextualization(d, null, type));
            jackson.put(raw, found);
        }
        return found;
    }

    /**
     * Jackson's binding of one property, exactly as its bean deserializer's loop does it: a copy of
     * the resolved deserializer, for the protected handling of unknown and ignored names.
     */
    private static final class JacksonProperties extends BeanDeserializer {
        JacksonProperties(BeanDeserializerBase resolved) {
            super(resolved);
        }

        void bind(JsonParser p, DeserializationContext c, Object bean, String name) throws IOException {
            SettableBeanProperty property = _beanProperties.find(name);
            if (property == null) {
                handleUnknownVanilla(p, c, bean, name);
                return;
            }
            try {
                property.deserializeAndSet(p, c, bean);
            } catch (Exception e) {
                wrapAndThrow(e, bean, name, c);
            }
        }
    }

    /** The class's deserializer as Jackson sees it: objects bound by the binder, anything else by Jackson's. */
    private static final class Direct extends StdDeserializer<Object> {
        private final DirectBinding binding;
        private final transient Binder<?> binder;

        Direct(DirectBinding binding, JavaType type, Binder<?> binder) {
            super(type);
            this.binding = binding;
            this.binder = binder;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext c) throws IOException {
            if (p.isExpectedStartObjectToken() || p.hasToken(JsonToken.FIELD_NAME) || p.hasToken(JsonToken.END_OBJECT)) {
                return binder.bind(p, c);
            }
            return binding.properties(handledType(), c).deserialize(p, c);
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.POJO; // as a bean deserializer's, for coercion rules that ask
        }
    }
}
