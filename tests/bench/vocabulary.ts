/**
 * Words for the generated corpus, most frequent first within each list: the generator draws from
 * them with Zipf-like weights, so the text has the skew of real prose (a few words everywhere, a
 * long tail of rare ones), which is what makes search benchmarks meaningful.
 */
const words = (list: string) => list.trim().split(/\s+/);

export const FUNCTION_WORDS = words(`
  the of and to a in is that for it as with be on by this are we can from or an which not at have
  more these their they was has but its also than when each how all one other into such may used
  where then there so if our what most only both many some between over through while after first
  two new any them well very would will should could same different because about without within
  often much those however here you your do does three few own since under until whether either
  every another again further still just even less least already always never instead rather
  across against along among around before behind below beyond during near toward upon via
`);

export const GENERAL_WORDS = words(`
  data model models approach result results method methods example examples process system systems
  information problem problems question questions analysis value values number case cases set sets
  time work way part level form type types group groups field research study studies paper section
  figure table text image images language task tasks test error errors function functions input
  inputs output outputs feature features vector vectors matrix sequence sequences word words
  sentence sentences document documents label labels class classes sample samples batch step steps
  rate size performance accuracy quality cost memory hardware compute resources experiment
  experiments evaluation metric metrics baseline baselines score scores distribution distributions
  probability estimate estimates signal structure pattern patterns context contexts domain domains
  application applications user users researcher researchers scientist scientists team organisation
  organisations project projects workshop course lesson exercise exercises solution solutions
  practice practices principle principles tool tools library libraries framework frameworks code
  script notebook environment package version release interface design component components module
  modules pipeline pipelines workflow workflows stage stages option options setting settings
  parameter parameters configuration file files format formats source sources record records object
  objects instance instances property properties attribute attributes relation relations graph
  graphs node nodes edge edges path paths tree trees list lists array arrays index indices key keys
  query queries response responses request requests answer answers reason reasons assumption
  assumptions limitation limitations advantage advantages challenge challenges opportunity risk
  risks impact effect effects change changes improvement improvements trade-off balance scale
  growth trend trends history background overview summary introduction conclusion discussion
  understand learn build train measure compare improve reduce increase predict generate describe
  explain apply choose combine collect store share report review select define produce require
  provide support consider include contain depend follow allow enable create develop represent
  large small simple complex common useful important typical general specific different similar
  recent modern early late fast slow efficient robust reliable accurate expensive cheap practical
  careful clear open public private local global available possible likely necessary sufficient
  human natural social scientific technical statistical computational visual physical biological
  medical financial environmental ethical legal historical
`);

export const ML_WORDS = words(`
  learning training network networks neural transformer transformers attention embedding embeddings
  encoder decoder gradient gradients optimizer optimisation regularisation dropout overfitting
  underfitting convolution convolutional recurrent diffusion autoencoder variational adversarial
  generative discriminative supervised unsupervised self-supervised reinforcement reward policy
  agent agents benchmark benchmarks inference latency throughput quantisation pruning distillation
  tokenizer tokenization vocabulary perplexity likelihood posterior prior bayesian stochastic
  sampling temperature beam softmax logits activation activations normalisation backpropagation
  epoch epochs hyperparameter hyperparameters checkpoint checkpoints dataset datasets annotation
  annotations augmentation bias fairness interpretability explainability alignment hallucination
  hallucinations retrieval prompt prompts prompting fine-tuning fine-tune zero-shot few-shot
  chain-of-thought pre-training GPT-4 BERT LLaMA multimodal text-to-image state-of-the-art
  classifier classifiers regression clustering embedding-space cross-entropy loss losses objective
  objectives weights weight bias-variance kernel kernels layer layers head heads residual
  feed-forward positional encoding decoding greedy nucleus top-k mixture experts sparse dense
  latent manifold representation representations contrastive triplet siamese segmentation detection
  recognition translation summarisation captioning question-answering chatbot assistant LLM LLMs GAN
  GANs VAE CNN RNN LSTM GPU GPUs TPU accelerator cluster parallelism sharding precision recall
  F1 ROC AUC confusion calibration uncertainty ensemble bagging boosting forest gradient-boosting
  scikit-learn PyTorch TensorFlow JAX NumPy pandas Hugging Face notebook Jupyter Python
`);

/** Syllables for made-up words that exist nowhere else in the corpus (planted search targets). */
export const SYLLABLES = words(`
  ka lo mi ren dra vel quor zan phe bru nox sil tar vey gol mur xen pla cor dun ith orm ulv fen
  rhi sto wex jal bel cai dor eth fru gim hal ipo jun kre lum nai obi pru qua ros tev umb vir wyl
`);

export const ADMONITION_TYPES = words(
  `note tip warning info example question abstract danger success failure bug quote`,
);

export const ICONS = words(`
  fontawesome-solid-book fontawesome-solid-flask fontawesome-regular-lightbulb fontawesome-brands-github
  fontawesome-solid-paper-plane fontawesome-solid-rocket fontawesome-solid-brain fontawesome-solid-code
  fontawesome-solid-database fontawesome-solid-chart-line fontawesome-regular-clock fontawesome-brands-python
  material-school material-robot-outline octicons-light-bulb-16
`);

export const CODE_LANGUAGES = words(`python python python bash yaml json`);
