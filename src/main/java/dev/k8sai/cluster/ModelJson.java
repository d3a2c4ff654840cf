package dev.k8sai.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The one mapper that binds Kubernetes JSON (snapshot files and live LIST responses) to fabric8
 * model classes, so both sources build the same objects the same way.
 *
 * <p>A plain mapper rather than fabric8's KubernetesSerialization: that one round-trips every object
 * through a token buffer and wraps every bean deserializer, which doubled the read time of large
 * files, and building it (with its registry of every model class) is a large part of a short run.
 * fabric8's model classes carry their own Jackson annotations (IntOrString, Quantity…), and their
 * constructors default kind/apiVersion, which LIST items leave out.
 *
 * <p>Property deserializers are built lazily ({@link LazyModelDeserializers}); the common fields of
 * the most frequent classes are bound without reflection ({@link DirectBinding}).
 *
 * <p>{@code metadata.managedFields} is skipped, not bound: no check reads it, and it is often the
 * largest part of an object the API server returns (every field each manager set).
 */
final class ModelJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .addMixIn(ObjectMeta.class, WithoutManagedFields.class)
            // property deserializers built on a property's first value, not for every reachable type up front
            .registerModule(LazyModelDeserializers.module())
            // pods, workloads, services, events and their parts bound with plain setter calls, the rest by Jackson
            .registerModule(DirectBinding.module(WorkloadModelBinding::new));

    @JsonIgnoreProperties("managedFields")
    private abstract static class WithoutManagedFields {
    }

    private ModelJson() {
    }
}
