package io.sparkforecast.core;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The synthetic series of the seed tutorials. Each series draws its own parameters (phase,
 * scale, offset, start price) from its random stream, so series differ but are reproducible.
 */
public enum SeriesFamily {
    /** sin(2 pi t / period + phase) + noise: the sine-wave tutorial. */
    SINE {
        @Override
        public SeriesGenerator generator(GenerateSpec spec, SplittableRandom random) {
            double phase = random.nextDouble(2 * Math.PI);
            return t -> Math.sin(angle(spec, t) + phase) + spec.noise() * random.nextDouble();
        }
    },
    /** k * sin(x) + b + noise, with k and b per series: the sin(x)*k+b parameter study. */
    SINE_LINEAR {
        @Override
        public SeriesGenerator generator(GenerateSpec spec, SplittableRandom random) {
            double phase = random.nextDouble(2 * Math.PI);
            double k = random.nextDouble(1, 5);
            double b = random.nextDouble(0, 10);
            return t -> k * Math.sin(angle(spec, t) + phase) + b + spec.noise() * random.nextDouble();
        }
    },
    /** sin(x) * x + noise: the study's harder, growing function (x in cycles). */
    SINE_GROWING {
        @Override
        public SeriesGenerator generator(GenerateSpec spec, SplittableRandom random) {
            double phase = random.nextDouble(2 * Math.PI);
            return t -> Math.sin(angle(spec, t) + phase) * (t / (double) spec.period())
                    + spec.noise() * random.nextDouble();
        }
    },
    /** A geometric random walk (a price series, for window normalisation p/p0 - 1); noise = volatility. */
    RANDOM_WALK {
        @Override
        public SeriesGenerator generator(GenerateSpec spec, SplittableRandom random) {
            double[] price = {random.nextDouble(50, 150)};
            return t -> {
                if (t > 0) {
                    price[0] *= Math.exp(spec.noise() * gaussian(random));
                }
                return price[0];
            };
        }
    },
    /** Uniform random integers 0..classes-1: the echo sequence-classification problem. */
    ECHO {
        @Override
        public SeriesGenerator generator(GenerateSpec spec, SplittableRandom random) {
            return t -> random.nextInt(spec.classes());
        }
    };

    /** Values of one series in time order; called for t = 0, 1, 2, ... */
    public interface SeriesGenerator {
        double valueAt(long t);
    }

    public abstract SeriesGenerator generator(GenerateSpec spec, SplittableRandom random);

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SeriesFamily of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    private static double angle(GenerateSpec spec, long t) {
        return 2 * Math.PI * t / spec.period();
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; nextDouble() is in [0, 1), so 1 - u is never 0.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
