package dev.k8sai.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedConstructor;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Builds the deserializers of fabric8's model classes only for the properties a document holds, and
 * without looking at constructors Jackson cannot use.
 * Jackson resolves a bean deserializer's properties eagerly, so binding one Pod builds deserializers for
 * every type reachable from Pod — every volume source, probe, affinity term… — several hundred classes
 * introspected by reflection, most of which a snapshot never contains. That was the largest part of
 * {@code analyze -f}'s start-up (about 40 % of its CPU time in a profile of the example). Each
 * non-scalar property of a fabric8 class gets a deserializer that finds the real one (through the
 * mapper's cache, contextualized for the property as Jackson would) the first time a value arrives.
 * Properties Jackson already has a deserializer for (annotations) or that name a converter are left alone.
 */
final class LazyModelDeserializers {

    private LazyModelDeserializers() {
    }

    /** The module to register on a mapper that binds fabric8 model classes. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("lazy-fabric8-model-properties") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.insertAnnotationIntrospector(new NoModelConstructors());
            }
        };
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                                                         BeanDeserializerBuilder builder) {
                if (!bean.getBeanClass().getName().startsWith("io.fabric8.")) {
                    return builder;
                }
                List<SettableBeanProperty> lazy = new ArrayList<>();
                for (Iterator<SettableBeanProperty> it = builder.getProperties(); it.hasNext(); ) {
                    SettableBeanProperty p = it.next();
                    if (!p.hasValueDeserializer() && !scalar(p.getType()) && p.getMember() != null
                            && config.getAnnotationIntrospector().findDeserializationConverter(p.getMember()) == null) {
                        lazy.add(p.withValueDeserializer(new OnFirstValue(p.getType(), p)));
                    }
                }
                lazy.forEach(p -> builder.addOrReplaceProperty(p, true));
                return builder;
            }
        });
        return module;
    }

    /**
     * fabric8's all-arguments constructors carry no annotations and the class files no parameter
     * names, so Jackson can never use them — they bind through the no-argument constructor and
     * setters — yet it resolves every parameter's type while looking for creators (another tenth of
     * the start-up). Marked disabled, they are dropped before that. One-argument constructors stay:
     * Jackson uses those for scalar values (MicroTime from a string).
     */
    private static final class NoModelConstructors extends NopAnnotationIntrospector {
        @Override
        public JsonCreator.Mode findCreatorAnnotation(MapperConfig<?> config, Annotated a) {
            if (a instanceof AnnotatedConstructor c && c.getParameterCount() > 1 && !c.hasAnnotation(JsonCreator.class)
                    && c.getDeclaringClass().getName().startsWith("io.fabric8.")) {
                return JsonCreator.Mode.DISABLED;
            }
            return null;
        }
    }

    /** Types whose deserializers are cheap and shared: resolving them eagerly costs nothing worth deferring. */
    private static boolean scalar(JavaType type) {
        Class<?> raw = type.getRawClass();
        return type.isPrimitive() || raw.isEnum() || raw == String.class || raw == Object.class
                || Number.class.isAssignableFrom(raw) || raw == Boolean.class;
    }

    /** Finds the property's real deserializer on the first value, then delegates every call to it. */
    private static final class OnFirstValue extends JsonDeserializer<Object> {
        private final JavaType type;
        private final SettableBeanProperty property;
        private volatile JsonDeserializer<Object> delegate;

        OnFirstValue(JavaType type, SettableBeanProperty property) {
            this.type = type;
            this.property = property;
        }

        private JsonDeserializer<Object> delegate(DeserializationContext ctxt) throws IOException {
            JsonDeserializer<Object> d = delegate;
            if (d == null) {
                d = ctxt.findContextualValueDeserializer(type, property);
                delegate = d;
            }
            return d;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return delegate(ctxt).deserialize(p, ctxt);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws IOException {
            return delegate(ctxt).deserialize(p, ctxt, intoValue);
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
                throws IOException {
            return delegate(ctxt).deserializeWithType(p, ctxt, typeDeserializer);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            try {
                return delegate(ctxt).getNullValue(ctxt);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.DYNAMIC;
        }

        @Override
        public Class<?> handledType() {
            return type.getRawClass();
        }
    }
}
