//! A BERT encoder (the sentence-transformers models' layout) over candle's
//! tensors and layers: embeddings, then self-attention layers, each output
//! normalized. Ours rather than `candle-transformers`, whose hundreds of
//! models took a minute and a half of a 2-core machine's first build for
//! the one this crate runs.

use candle_core::{DType, Module, Result, Tensor, D};
use candle_nn::{embedding, layer_norm, linear, Embedding, LayerNorm, Linear, VarBuilder};

/// What `config.json` says of the model, of what the encoder needs.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    #[serde(default = "default_act")]
    pub hidden_act: String,
    pub max_position_embeddings: usize,
    #[serde(default = "default_types")]
    pub type_vocab_size: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f64,
    /// Weights may sit under this prefix (`bert.`) in a model saved whole.
    #[serde(default)]
    pub model_type: Option<String>,
}

fn default_act() -> String {
    "gelu".into()
}
fn default_types() -> usize {
    2
}
fn default_eps() -> f64 {
    1e-12
}

/// The activation between a layer's two feed-forward projections.
#[derive(Debug, Clone, Copy)]
enum Act {
    /// BERT's `gelu`: the exact form, with the error function.
    Gelu,
    /// `gelu_new` / `gelu_pytorch_tanh`: the tanh approximation.
    GeluTanh,
    Relu,
}

impl Act {
    fn of(name: &str) -> Result<Act> {
        match name {
            "gelu" => Ok(Act::Gelu),
            "gelu_new" | "gelu_pytorch_tanh" | "gelu_fast" => Ok(Act::GeluTanh),
            "relu" => Ok(Act::Relu),
            other => candle_core::bail!("hidden_act `{other}` is not supported"),
        }
    }

    fn apply(self, x: &Tensor) -> Result<Tensor> {
        match self {
            Act::Gelu => x.gelu_erf(),
            Act::GeluTanh => x.gelu(),
            Act::Relu => x.relu(),
        }
    }
}

struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

pub struct BertModel {
    words: Embedding,
    positions: Embedding,
    types: Embedding,
    embeddings_norm: LayerNorm,
    layers: Vec<Layer>,
    heads: usize,
    act: Act,
}

impl BertModel {
    pub fn load(vb: VarBuilder, config: &Config) -> Result<BertModel> {
        match Self::load_at(vb.clone(), config) {
            Ok(model) => Ok(model),
            Err(e) => match &config.model_type {
                Some(prefix) => Self::load_at(vb.pp(prefix), config).map_err(|_| e),
                None => Err(e),
            },
        }
    }

    fn load_at(vb: VarBuilder, c: &Config) -> Result<BertModel> {
        if c.num_attention_heads == 0 || !c.hidden_size.is_multiple_of(c.num_attention_heads) {
            candle_core::bail!(
                "hidden_size {} is not a multiple of num_attention_heads {}",
                c.hidden_size,
                c.num_attention_heads
            );
        }
        let h = c.hidden_size;
        let e = vb.pp("embeddings");
        let norm = |vb: VarBuilder| layer_norm(h, c.layer_norm_eps, vb);
        let mut layers = Vec::with_capacity(c.num_hidden_layers);
        for i in 0..c.num_hidden_layers {
            let l = vb.pp(format!("encoder.layer.{i}"));
            let a = l.pp("attention");
            layers.push(Layer {
                query: linear(h, h, a.pp("self.query"))?,
                key: linear(h, h, a.pp("self.key"))?,
                value: linear(h, h, a.pp("self.value"))?,
                attention_out: linear(h, h, a.pp("output.dense"))?,
                attention_norm: norm(a.pp("output.LayerNorm"))?,
                intermediate: linear(h, c.intermediate_size, l.pp("intermediate.dense"))?,
                output: linear(c.intermediate_size, h, l.pp("output.dense"))?,
                output_norm: norm(l.pp("output.LayerNorm"))?,
            });
        }
        Ok(BertModel {
            words: embedding(c.vocab_size, h, e.pp("word_embeddings"))?,
            positions: embedding(c.max_position_embeddings, h, e.pp("position_embeddings"))?,
            types: embedding(c.type_vocab_size, h, e.pp("token_type_embeddings"))?,
            embeddings_norm: norm(e.pp("LayerNorm"))?,
            layers,
            heads: c.num_attention_heads,
            act: Act::of(&c.hidden_act)?,
        })
    }

    /// The last layer's hidden states, `(batch, tokens, hidden)`, of token
    /// `ids` `(batch, tokens)`; `mask` (1 for a token, 0 for padding) keeps
    /// padding out of every token's attention.
    pub fn forward(&self, ids: &Tensor, types: &Tensor, mask: Option<&Tensor>) -> Result<Tensor> {
        let (_, len) = ids.dims2()?;
        let positions = Tensor::arange(0u32, len as u32, ids.device())?;
        let x = (self.words.forward(ids)? + self.types.forward(types)?)?
            .broadcast_add(&self.positions.forward(&positions)?)?;
        let mut x = self.embeddings_norm.forward(&x)?;
        // Added to the attention scores: 0 for a token, the lowest float for
        // padding, so that softmax gives padding no weight.
        let bias = match mask {
            Some(m) => {
                let m = m.to_dtype(DType::F32)?.unsqueeze(1)?.unsqueeze(1)?;
                Some((m.ones_like()? - m)?.affine(f32::MIN as f64, 0.0)?)
            }
            None => None,
        };
        for layer in &self.layers {
            x = self.layer(layer, &x, bias.as_ref())?;
        }
        Ok(x)
    }

    fn layer(&self, l: &Layer, x: &Tensor, bias: Option<&Tensor>) -> Result<Tensor> {
        let (batch, len, hidden) = x.dims3()?;
        let head = hidden / self.heads;
        // (batch, tokens, hidden) → (batch, heads, tokens, head size)
        let split = |t: Tensor| {
            t.reshape((batch, len, self.heads, head))?
                .transpose(1, 2)?
                .contiguous()
        };
        let q = split(l.query.forward(x)?)?;
        let k = split(l.key.forward(x)?)?;
        let v = split(l.value.forward(x)?)?;
        let mut scores = (q.matmul(&k.t()?)? / (head as f64).sqrt())?;
        if let Some(b) = bias {
            scores = scores.broadcast_add(b)?;
        }
        let weights = candle_nn::ops::softmax(&scores, D::Minus1)?;
        let context = weights
            .matmul(&v)?
            .transpose(1, 2)?
            .contiguous()?
            .reshape((batch, len, hidden))?;
        let attended = l
            .attention_norm
            .forward(&(l.attention_out.forward(&context)? + x)?)?;
        let inner = self.act.apply(&l.intermediate.forward(&attended)?)?;
        l.output_norm
            .forward(&(l.output.forward(&inner)? + &attended)?)
    }
}
