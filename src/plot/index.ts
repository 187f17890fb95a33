/**
 * infoplane/plot: information-plane figures as Plotly JSON, and their export to offline HTML, PNG and SVG,
 * and to tslab notebooks. The builders are pure (a run in, `{data, layout}` out); display and files are
 * separate functions.
 */

// figure builders (pure)
export { infoPlaneFigure, seedsFigure, infoPlanePanels, layersFigure, saturatedLayers, figureWarnings, warningNoteLines, INFO_PLANE_DEFAULTS, LAYERS_FIGURE_DEFAULTS } from './infoPlane';
export type { InfoPlaneOptions, InfoPlanePanelsOptions, LayersFigureOptions, SaturatedLayer, SaturationOptions, FigureWarning } from './infoPlane';
export { informationCurvesFigure, trainingFigure, INFORMATION_CURVES_DEFAULTS, TRAINING_DEFAULTS } from './curves';
export type { InformationCurvesOptions, TrainingOptions } from './curves';
export { perClassFigure, PER_CLASS_FIGURE_DEFAULTS, PER_CLASS_QUANTITIES } from './perClassFigure';
export type { PerClassFigureOptions, PerClassQuantity } from './perClassFigure';
export { sensitivityFigure, SENSITIVITY_DEFAULTS } from './sensitivityFigure';
export { correlateFigure } from './correlateFigure';
export { weightSpectraFigure, WEIGHT_SPECTRA_DEFAULTS, SPECTRUM_QUANTITIES } from './weightSpectraFigure';
export type { WeightSpectraOptions, SpectrumQuantity } from './weightSpectraFigure';
export type { CorrelateFigureOptions } from './correlateFigure';
export type { SensitivityData, SensitivitySeries } from './sensitivityFigure';
export type { PlotlyFigure, PlotlyTrace, Quantity } from './figure';
export type { SeedSpread } from './runData';
export { epochColoring, logEpochTicks } from './epochColor';
export type { EpochScale, EpochColoring } from './epochColor';

// export: HTML, images, notebooks
export { figureToHtml, writeFigureHtml, figureToHtmlFragment, scriptJson, escapeHtml, plotlyPath, plotlyVersion, plotlyCdnUrl, PLOTLY_BUNDLE_NAME, FIGURE_HTML_DEFAULTS } from './figureToHtml';
export type { FigureHtmlOptions, FigureFragmentOptions, PlotlySource, PlotlyJsMode, WrittenFigureHtml } from './figureToHtml';
export { renderFigure, openRenderer, closeSharedRenderer, lastRenderTiming, findChromium, CHROMIUM_ARGS, RENDER_DEFAULTS } from './renderFigure';
export type { RenderOptions, RendererOptions, FigureRenderer, RenderTiming, ImageFormat } from './renderFigure';
export { showFigure, liveInfoPlane, loadTslab, resetNotebookPlotly, SHOW_FIGURE_DEFAULTS } from './showFigure';
export type { ShowFigureOptions, LiveInfoPlaneOptions, LiveFigure, DisplayLike, TslabLike, NotebookPlotly } from './showFigure';
