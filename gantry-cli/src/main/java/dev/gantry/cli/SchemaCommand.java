package dev.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantry.binding.SchemaGenerator;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.files.AtomicFile;
import dev.gantry.plan.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of gantry.yaml, generated from Gantry's model, for editors to check"
                + " and complete the plan file.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry schema > .gantry/gantry.schema.json",
            "  then start gantry.yaml with:  # yaml-language-server: $schema=.gantry/gantry.schema.json"
        })
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write the schema to this file instead of printing it.")
    Path output;

    @Override
    public Integer call() throws Exception {
        String json = new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(SchemaGenerator.of(Plan.class, "gantry.yaml", PlugIns.registries()))
                + "\n";
        if (output != null) {
            AtomicFile.write(output, json);
            spec.commandLine().getErr().println("wrote " + output);
        } else {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }
}
