package dev.k8sai;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON and YAML mappers, configured once. Jackson mappers are thread-safe once configured and
 * costly to build, so every class shares these instead of building its own.
 */
public final class Mappers {

    /** Plain JSON: parsing, compact output. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Indented JSON (Jackson's default layout): transcripts, -o json of agent results. */
    public static final ObjectMapper JSON_PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The reports' JSON layout: {@code "key": value}, arrays one item a line. */
    public static final ObjectWriter REPORT_JSON = JSON.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    /** Plain YAML with a document start marker (-o yaml of agent results, manifests). */
    public static final YAMLMapper YAML = new YAMLMapper();

    /** The reports' YAML layout: no "---", minimal quotes, array items indented under their key. */
    public static final YAMLMapper REPORT_YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private Mappers() {
    }
}
