package io.sparkforecast.model;

import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.core.WindowLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The network's layers as the seeds' model summaries show them: type, output shape and
 * parameter count per layer, and the total (e.g. LSTM(25) on 10 inputs then Dense(10):
 * 3,600 + 260 = 3,860 parameters).
 */
public record ModelSummary(List<LayerRow> layers, long parameters, String note) {

    /** @param outputShape batch first, as Keras prints it: (batch, units) or (batch, steps, units) */
    public record LayerRow(String name, String type, String outputShape, long parameters) {
    }

    /**
     * @param inputs   inputs per window step
     * @param lookback window steps
     * @param spec     how the network takes the window, and whether it walks whole series (stateful)
     */
    public static ModelSummary of(MultiLayerNetwork network, int inputs, int lookback, NetworkSpec spec) {
        WindowLayout layout = spec.windowAs();
        return of(network, layout.width(lookback, inputs), spec.stateful() ? 0 : layout.steps(lookback));
    }

    /**
     * An ensemble's merged network: its layers as published, with a line saying it holds
     * {@code members} networks side by side and how many of its parameters they trained (the
     * blocks between members are zeros).
     */
    public static ModelSummary ofEnsemble(MultiLayerNetwork merged, MultiLayerNetwork member, int members, int inputs,
                                          int lookback, NetworkSpec spec) {
        ModelSummary summary = of(merged, inputs, lookback, spec);
        if (members == 1) {
            return summary;
        }
        // Two lines within the table's width: reports show the summary preformatted.
        return new ModelSummary(summary.layers(), summary.parameters(), String.format(Locale.ROOT,
                "An ensemble of %d networks of LSTM layers %s side by side, the output%n"
                        + "their mean: %,d trained parameters, the rest zeros", members, spec.layers(),
                members * member.numParams()));
    }

    /** @param inputs inputs per time step; @param steps time steps per sample, 0 for any number */
    public static ModelSummary of(MultiLayerNetwork network, int inputs, int steps) {
        List<LayerRow> rows = new ArrayList<>();
        InputType current = steps > 0 ? InputType.recurrent(inputs, steps) : InputType.recurrent(inputs);
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            current = layer.getOutputType(i, current);
            String type = typeOf(layer);
            rows.add(new LayerRow(nameOf(layer) + "_" + (i + 1), type, shape(current), network.getLayer(i).numParams()));
        }
        return new ModelSummary(rows, network.numParams(), null);
    }

    private static String nameOf(Layer layer) {
        Layer inner = layer instanceof LastTimeStep last ? last.getUnderlying() : layer;
        return typeOf(inner).toLowerCase(Locale.ROOT);
    }

    private static String typeOf(Layer layer) {
        if (layer instanceof LastTimeStep last) {
            return typeOf(last.getUnderlying()) + " (last step)";
        }
        String name = layer.getClass().getSimpleName();
        return name.equals("OutputLayer") ? "Dense" : name;
    }

    private static String shape(InputType type) {
        if (type instanceof InputType.InputTypeRecurrent recurrent) {
            long steps = recurrent.getTimeSeriesLength();
            return String.format("(batch, %s, %d)", steps > 0 ? Long.toString(steps) : "steps", recurrent.getSize());
        }
        return "(batch, " + type.arrayElementsPerExample() + ")";
    }

    /** A fixed-width table, one line per layer, then the total. */
    public String format() {
        String line = "-".repeat(72) + System.lineSeparator();
        StringBuilder text = new StringBuilder(line);
        text.append(String.format("%-34s %-24s %12s%n", "Layer (type)", "Output Shape", "Param #"));
        text.append(line);
        for (LayerRow row : layers) {
            text.append(String.format("%-34s %-24s %,12d%n", row.name() + " (" + row.type() + ")", row.outputShape(),
                    row.parameters()));
        }
        text.append(line).append(String.format("Total params: %,d%n", parameters)).append(line);
        if (note != null) {
            text.append(note).append(System.lineSeparator());
        }
        return text.toString();
    }
}
